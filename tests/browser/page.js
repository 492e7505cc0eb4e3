// The scenarios, run by the browser one after another. Each records what the script could
// observe: whether fetch() resolved, the status, the body and every header it could read.
// The verdicts are judged in browser.rs.
"use strict";

const SUITE = window.SUITE; // { page, api, next }
const results = [];

async function run(name, path, init) {
  const outcome = { name, ok: false, status: null, body: null, headers: {}, error: null };
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 10000);
  try {
    const response = await fetch(SUITE.api + path, { ...init, signal: abort.signal });
    outcome.ok = true;
    outcome.status = response.status;
    response.headers.forEach((value, key) => {
      outcome.headers[key] = value;
    });
    outcome.body = await response.text();
  } catch (e) {
    outcome.error = String(e);
  } finally {
    clearTimeout(timer);
  }
  results.push(outcome);
}

const JSON_HEADERS = { "content-type": "application/json" };

const PAGES = {
  // http://127.0.0.1:47381: the origin most policies allow.
  async main() {
    document.cookie = "session=abc; path=/";

    // Simple requests.
    await run("simple_get_allowed", "/public");
    await run("simple_get_wrong_origin", "/restricted");

    // Credentials.
    await run("credentialed_get_with_cookie", "/me", { credentials: "include" });
    await run("credentialed_get_policy_without_credentials", "/nocreds", {
      credentials: "include",
    });
    await run("uncredentialed_get_policy_without_credentials", "/nocreds");
    await run("credentialed_get_wildcard_origin", "/public", { credentials: "include" });

    // Preflighted methods and content types.
    await run("json_post_allowed", "/items", {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify({ name: "pen" }),
    });
    await run("json_post_content_type_not_allowed", "/forms", {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify({ name: "pen" }),
    });
    await run("text_post_no_preflight", "/forms", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "name=pen",
    });
    await run("put_preflight_allowed", "/items", {
      method: "PUT",
      headers: JSON_HEADERS,
      body: JSON.stringify({ name: "pencil" }),
    });
    await run("patch_preflight_allowed", "/items", {
      method: "PATCH",
      headers: JSON_HEADERS,
      body: JSON.stringify({ name: "marker" }),
    });
    await run("delete_preflight_allowed", "/items", { method: "DELETE" });

    // Request headers.
    await run("custom_header_allowed", "/items", { headers: { "x-api-key": "k-123" } });
    await run("custom_header_not_allowed", "/public", { headers: { "x-api-key": "k-123" } });
    await run("any_headers_custom_header", "/any-headers", {
      headers: { "x-anything": "yes" },
    });
    await run("any_headers_authorization_refused", "/any-headers", {
      headers: { authorization: "Bearer demo" },
    });
    await run("authorization_listed_allowed", "/auth-listed", {
      headers: { authorization: "Bearer demo" },
    });

    // Response headers.
    await run("exposed_header_readable", "/public");
    await run("unexposed_header_hidden", "/public");

    // Preflight cache.
    await run("max_age_600_first", "/cached", {
      method: "PUT",
      headers: { "x-api-key": "k-1" },
    });
    await run("max_age_600_second", "/cached", {
      method: "PUT",
      headers: { "x-api-key": "k-1" },
    });
    await run("max_age_0_first", "/uncached", {
      method: "PUT",
      headers: { "x-api-key": "k-1" },
    });
    await run("max_age_0_second", "/uncached", {
      method: "PUT",
      headers: { "x-api-key": "k-1" },
    });

    // Method case: only DELETE GET HEAD OPTIONS POST PUT are uppercased by the browser.
    await run("lowercase_patch_refused", "/patchable", { method: "patch" });
    await run("uppercase_patch_allowed", "/patchable", { method: "PATCH" });

    // Per-method policies on one path.
    await run("per_method_get_public", "/doc");
    await run("per_method_delete_credentialed", "/doc", {
      method: "DELETE",
      credentials: "include",
    });

    // Error statuses stay readable.
    await run("status_401_readable", "/unauthorized");
    await run("status_500_readable", "/broken");

    // Subdomain pattern: 127.0.0.1 is not a subdomain of localhost.
    await run("subdomain_pattern_ip_origin_refused", "/sub");

    // The handler's own CORS headers are replaced by the policy's.
    await run("handler_set_cors_headers_replaced", "/sloppy", { credentials: "include" });

    // A policy without `methods` allows the methods it is mounted on, and only those.
    await run("mounted_methods_put_allowed", "/mounted", { method: "PUT" });
    await run("mounted_methods_delete_refused", "/mounted", { method: "DELETE" });

    // The preflight passes an auth layer that guards the actual request.
    await run("guarded_delete_with_token", "/guarded", {
      method: "DELETE",
      headers: { authorization: "Bearer demo" },
    });
    await run("guarded_delete_without_token", "/guarded", { method: "DELETE" });

    // The preflight cache is per URL and origin, not per method: what one method's preflight
    // answer lists must not let another method's request skip its own (refused) preflight.
    // Each sequence has a path of its own, so no cache entry is shared between them.
    // DELETE belongs to the other origin; GET's credentialed preflight must not open it.
    await run("leak_delete_refused_first", "/leak-delete", {
      method: "DELETE",
      credentials: "include",
    });
    await run("leak_delete_get_preflighted", "/leak-delete", {
      headers: JSON_HEADERS,
      credentials: "include",
    });
    await run("leak_delete_refused_after_get", "/leak-delete", {
      method: "DELETE",
      credentials: "include",
    });
    // PUT with x-admin belongs to the other origin; a `*` GET's preflight must not open it.
    await run("leak_put_get_preflighted", "/leak-put", { headers: { "x-anything": "yes" } });
    await run("leak_put_refused_after_get", "/leak-put", {
      method: "PUT",
      headers: { "x-admin": "yes" },
    });
    // POST allows x-b only; GET's preflight allowing x-a must not let a POST send x-a. POST,
    // not PUT: Chromium keeps only the latest successful preflight of a URL and origin, so
    // GET's answer replaces the PUT method entry, but POST needs no method entry at all.
    await run("leak_post_header_post_xb", "/leak-post-header", {
      method: "POST",
      headers: { "x-b": "1" },
    });
    await run("leak_post_header_get_xa", "/leak-post-header", { headers: { "x-a": "1" } });
    await run("leak_post_header_post_xa_refused", "/leak-post-header", {
      method: "POST",
      headers: { "x-a": "1" },
    });
    // GET refuses this origin; PUT's preflight allowing x-b must not let a GET with x-b in.
    await run("leak_get_header_put_xb", "/leak-get-header", {
      method: "PUT",
      headers: { "x-b": "1" },
    });
    await run("leak_get_header_get_xb_refused", "/leak-get-header", {
      headers: { "x-b": "1" },
    });

    // A `*` response fetched without Origin (no-cors) and kept in the HTTP cache must still
    // serve a later CORS fetch of the same URL.
    await run("no_cors_cached_opaque", "/no-cors-cached", { mode: "no-cors" });
    await run("no_cors_cached_then_cors", "/no-cors-cached");

    // A `layer(...)` entry of cors_route! guards the whole path inside CORS: the preflight
    // passes it, and its 401 is readable.
    await run("path_layer_put_with_token", "/account", {
      method: "PUT",
      headers: { authorization: "Bearer demo" },
    });
    await run("path_layer_put_without_token", "/account", { method: "PUT" });
    // The app-wide fallback: a mistyped URL is a readable 404, not a CORS error.
    await run("fallback_unknown_path_get", "/no-such-path");
    await run("fallback_unknown_path_json_post", "/no-such-path", {
      method: "POST",
      headers: JSON_HEADERS,
      body: "{}",
    });
  },

  // http://localhost:47381: another origin on the same port.
  async other() {
    await run("other_origin_simple_get_allowed", "/restricted");
    await run("other_origin_per_method_get_public", "/doc");
    await run("other_origin_per_method_delete_refused", "/doc", {
      method: "DELETE",
      credentials: "include",
    });
    await run("other_origin_subdomain_pattern_apex_refused", "/sub");
    await run("other_origin_items_refused", "/items", { headers: { "x-api-key": "k-123" } });
    // The handler answers `*`, but the policy does not allow this origin: it must not leak.
    await run("other_origin_handler_set_cors_headers_removed", "/sloppy");
    // Origins loaded at start-up.
    await run("other_origin_configured_allowed", "/configured");
    await run("other_origin_configured_delete_preflighted", "/configured", { method: "DELETE" });
    // Not a tenant.
    await run("other_origin_predicate_refused", "/tenant");
  },

  // http://app.localhost:47381: matches http://*.localhost:47381.
  async wild() {
    await run("subdomain_pattern_allowed", "/sub");
    await run("subdomain_origin_delete_refused", "/doc", { method: "DELETE" });
    // The tenant predicate accepts this origin, preflight included.
    await run("predicate_origin_allowed", "/tenant", {
      method: "PUT",
      headers: { "x-tenant": "t-1" },
    });
    // Not among the configured origins.
    await run("wild_origin_configured_refused", "/configured");
  },
};

(async () => {
  let fatal = null;
  try {
    await PAGES[SUITE.page]();
  } catch (e) {
    fatal = String((e && e.stack) || e);
  }
  document.getElementById("log").textContent = JSON.stringify(results, null, 2);
  try {
    await fetch("/report/" + SUITE.page, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ results, fatal }),
    });
  } finally {
    if (SUITE.next) location.href = SUITE.next;
  }
})();
