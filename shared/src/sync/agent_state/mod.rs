//! Agent presence and routing status: the agent-state use case (placeholder).
