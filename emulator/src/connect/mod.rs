//! A loopback fake of the Amazon Connect API: the restJson1 routes exsync's Connect reader calls,
//! served with axum from an in-memory instance, for the tests and the demo. Like the Genesys
//! emulator it does not depend on exsync, so a mistake in the reader cannot be mirrored here.
//!
//! | file | what |
//! |---|---|
//! | [`operations`] | the vendored table of operations: paths, query parameters, `maxResults` limits |
//! | [`instance`] | [`FakeInstance`]: users, queues, routing profiles, agent statuses, hierarchy groups |
//! | [`generate`] | [`generate()`]: a deterministic instance of any size ([`InstanceSpec`]) |
//! | [`server`] | [`start`], [`ConnectHandle`] (request log, throttled requests, changes) |
//! | `state.rs` | [`ConnectFakeConfig`], [`Throttle`], the request log, the state behind the routes |
//! | `admit.rs` | the gate: logging, throttling, the request checks |
//! | `routes.rs` | one route per operation, paging |
//! | `paging.rs` | `maxResults` honoured, an opaque `NextToken` (with `+`, `/`, `=`) |
//! | `bodies.rs` | the response members, with the model's names |

mod admit;
mod bodies;
pub mod generate;
pub mod instance;
pub mod operations;
mod paging;
mod routes;
pub mod server;
mod state;

pub use generate::{InstanceSpec, fake_uuid, generate};
pub use instance::FakeInstance;
pub use operations::Operation;
pub use server::{ConnectHandle, start};
pub use state::{ConnectFakeConfig, ConnectRequest, Throttle, ThrottleKind};
