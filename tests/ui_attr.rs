//! Compile-time checks of `#[cors]`: every invalid or insecure policy is a compile error at the
//! offending token, and every accepted form builds the expected `POLICY`.

#[test]
fn attr_ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/attr/fail/*.rs");
    t.pass("tests/ui/attr/pass/*.rs");
}
