//! The `/api/v2` routes, registered with the contract's own path templates so every handler's
//! operation is found by method + template.

pub(crate) mod common;
mod conversations;
mod crud;
mod divisions;
mod events;
mod external_ids;
mod kind;
mod presence;
mod presence_sources;
mod queue_members;
mod queues;
mod recordings;
mod render_users;
mod routing;
mod user_routing;
mod users;
mod wrapup_codes;

use axum::Router;
use axum::routing::{delete, get, patch, post, put};

use crate::app::App;
use crate::state::entities::{Division, Language, Queue, Skill, WrapupCode};
use crate::state::presence::{PresenceDefinition, PresenceSource};

/// All API routes (bearer and contract layers are added by the server).
pub fn routes() -> Router<App> {
    Router::new()
        .merge(user_routes())
        .merge(routing_routes())
        .merge(presence_routes())
        .merge(event_routes())
}

fn user_routes() -> Router<App> {
    Router::new()
        .route("/api/v2/users", get(users::list).post(users::create))
        .route(
            "/api/v2/users/{userId}",
            get(users::get).patch(users::patch).delete(users::delete),
        )
        .route(
            "/api/v2/users/externalid/{authorityName}/{externalKey}",
            get(external_ids::find),
        )
        .route("/api/v2/users/{userId}/externalid", post(external_ids::add))
        .route(
            "/api/v2/users/{userId}/routingskills/bulk",
            put(user_routing::replace_skills),
        )
        .route(
            "/api/v2/users/{userId}/routinglanguages/bulk",
            patch(user_routing::patch_languages),
        )
        .route(
            "/api/v2/users/{userId}/routinglanguages/{languageId}",
            delete(user_routing::remove_language),
        )
        .route(
            "/api/v2/authorization/divisions",
            crud::collection::<Division>(),
        )
        .route("/api/v2/authorization/divisions/home", get(divisions::home))
        .route(
            "/api/v2/authorization/divisions/{divisionId}",
            crud::item::<Division>(),
        )
        .route(
            "/api/v2/authorization/divisions/{divisionId}/objects/{objectType}",
            post(divisions::assign),
        )
}

fn routing_routes() -> Router<App> {
    Router::new()
        .route("/api/v2/routing/skills", crud::collection::<Skill>())
        .route(
            "/api/v2/routing/skills/{skillId}",
            patch(routing::patch_skill).delete(crud::delete::<Skill>),
        )
        .route("/api/v2/routing/languages", crud::collection::<Language>())
        .route(
            "/api/v2/routing/languages/{languageId}",
            delete(crud::delete::<Language>),
        )
        .route("/api/v2/routing/queues", crud::collection::<Queue>())
        .route(
            "/api/v2/routing/queues/{queueId}",
            crud::item::<Queue>().get(crud::get::<Queue>),
        )
        .route(
            "/api/v2/routing/queues/{queueId}/members",
            get(queue_members::list).post(queue_members::add_or_remove),
        )
        .route(
            "/api/v2/routing/queues/{queueId}/wrapupcodes",
            get(queue_members::list_codes).post(queue_members::add_codes),
        )
        .route(
            "/api/v2/routing/queues/{queueId}/wrapupcodes/{codeId}",
            delete(queue_members::remove_code),
        )
        .route(
            "/api/v2/routing/wrapupcodes",
            crud::collection::<WrapupCode>(),
        )
        .route(
            "/api/v2/routing/wrapupcodes/{codeId}",
            crud::item::<WrapupCode>(),
        )
}

fn presence_routes() -> Router<App> {
    Router::new()
        .route(
            "/api/v2/presence/definitions",
            crud::collection::<PresenceDefinition>(),
        )
        .route(
            "/api/v2/presence/definitions/{definitionId}",
            crud::item::<PresenceDefinition>(),
        )
        .route("/api/v2/systempresences", get(presence::system_presences))
        .route(
            "/api/v2/presence/sources",
            crud::collection::<PresenceSource>(),
        )
        .route(
            "/api/v2/presence/settings",
            get(presence_sources::get_settings).put(presence_sources::put_settings),
        )
}

fn event_routes() -> Router<App> {
    Router::new()
        .route(
            "/api/v2/events/users/presence",
            post(events::users::presence),
        )
        .route(
            "/api/v2/events/users/routingstatus",
            post(events::users::routing_status),
        )
        .route(
            "/api/v2/events/conversations",
            post(events::conversations::post),
        )
        .route(
            "/api/v2/conversations/{conversationId}",
            get(conversations::get),
        )
        .route(
            "/api/v2/conversations/{conversationId}/recordingmetadata",
            get(conversations::recording_metadata),
        )
        .route("/api/v2/uploads/recordings", post(recordings::upload_url))
        .route(
            "/api/v2/recording/uploads/reports",
            post(recordings::create_report),
        )
        .route(
            "/api/v2/recording/uploads/reports/{reportId}",
            get(recordings::get_report),
        )
}
