use cors_runtime::cors_policy;

cors_policy!(SPA = origin = ["https://app.example.com"]);
cors_policy!(ADMIN = policy = SPA, credentials);

fn main() {}
