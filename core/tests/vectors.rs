//! The shared response vectors (`tests/vectors/vectors.tsv`), checked against the parser directly.
//! The sandbox serves the same vectors, so `sandbox.rs` checks them again over real sockets.

mod common;

use common::vectors;
use sectigo_sps::response::interpret_response;

#[test]
fn every_vector_parses_to_its_expected_code_and_message() {
    let vectors = vectors();
    assert!(vectors.len() >= 30, "only {} vectors", vectors.len());
    for vector in &vectors {
        let (code, message) = match interpret_response(vector.http_status, &vector.body) {
            Ok(()) => (0, String::new()),
            Err(error) => (error.code(), error.message()),
        };
        assert_eq!(
            (code, message.as_str()),
            (vector.code, vector.message.as_str()),
            "vector {}",
            vector.name
        );
    }
}
