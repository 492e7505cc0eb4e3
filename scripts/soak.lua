-- Request shapes for scripts/soak.sh: allowed, refused and hostile, chosen at random.
local big_origin = "https://" .. string.rep("a", 4000) .. ".partner.example"
local commas = string.rep(",", 3000)
local many_names = string.rep("x-a,", 63) .. "x-b"

local shapes = {
  -- allowed
  { "GET", "/public", { Origin = "https://anything.example" } },
  { "GET", "/items", { Origin = "https://app.example.com" } },
  { "OPTIONS", "/items", { Origin = "https://app.example.com", ["Access-Control-Request-Method"] = "POST", ["Access-Control-Request-Headers"] = "content-type,x-api-key" } },
  { "OPTIONS", "/items/7", { Origin = "https://admin.example.com", ["Access-Control-Request-Method"] = "DELETE", ["Access-Control-Request-Headers"] = "authorization" } },
  { "GET", "/partners", { Origin = "https://a.partner.example" } },
  { "GET", "/items", {} },
  -- refused
  { "OPTIONS", "/items/7", { Origin = "https://app.example.com", ["Access-Control-Request-Method"] = "DELETE" } },
  { "GET", "/items", { Origin = "https://evil.example" } },
  { "OPTIONS", "/upload", { Origin = "https://app.example.com", ["Access-Control-Request-Method"] = "PUT", ["Access-Control-Request-Headers"] = "authorization" } },
  { "GET", "/partners", { Origin = "https://evilpartner.example" } },
  -- hostile
  { "GET", "/partners", { Origin = big_origin } },
  { "OPTIONS", "/items", { Origin = "https://app.example.com", ["Access-Control-Request-Method"] = "POST", ["Access-Control-Request-Headers"] = commas } },
  { "OPTIONS", "/upload", { Origin = "https://app.example.com", ["Access-Control-Request-Method"] = "PUT", ["Access-Control-Request-Headers"] = many_names } },
  { "OPTIONS", "/items", { Origin = "https://app.example.com", ["Access-Control-Request-Method"] = string.rep("P", 2000) } },
  { "OPTIONS", "/items", { Origin = "null", ["Access-Control-Request-Method"] = "patch" } },
}

local requests = {}

init = function(args)
  for i, s in ipairs(shapes) do
    requests[i] = wrk.format(s[1], s[2], s[3])
  end
end

request = function()
  return requests[math.random(#requests)]
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("SOAK requests=%d connect=%d read=%d write=%d status=%d timeout=%d p50_us=%d p99_us=%d\n",
    summary.requests, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
