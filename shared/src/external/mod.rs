//! The external platform's canonical formats (work in progress).
