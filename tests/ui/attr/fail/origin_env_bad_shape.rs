use cors_runtime::cors;

#[cors(origin = env(APP_ORIGINS), methods = [GET])]
async fn unquoted() {}

#[cors(origin = env("APP_ORIGINS", defaults = ["http://localhost:5173"]), methods = [GET])]
async fn misspelled_default() {}

#[cors(origin = env("APP_ORIGINS", default = "*"), methods = [GET])]
async fn any_default() {}

#[cors(origin = envs("APP_ORIGINS"), methods = [GET])]
async fn not_env() {}

fn main() {}
