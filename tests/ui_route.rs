//! Compile-time checks of `cors_route!`: each mount error is a compile error at the call site.

#[test]
fn route_ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/route/fail/*.rs");
    t.pass("tests/ui/route/pass/*.rs");
}
