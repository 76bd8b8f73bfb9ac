//! genesys-emulator: an in-memory Genesys Cloud Platform API served on loopback (work in progress).
