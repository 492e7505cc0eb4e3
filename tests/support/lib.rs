//! Shared code for the examples and the integration tests.
