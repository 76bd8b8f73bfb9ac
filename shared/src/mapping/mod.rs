//! The mapping document `exsync.mapping/v1` (work in progress).
