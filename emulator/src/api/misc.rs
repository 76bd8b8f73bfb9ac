//! The organization, roles (a [`Kind`] that is only listed) and role grants, and speech-analytics
//! settings.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::common::{live_user_mut, no_content, ok};
use super::kind::{Filters, Kind, Listing, View};
use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::extract::ContractBody;
use crate::state::entities::Role;
use crate::state::users::Grant;

/// `GET /api/v2/organizations/me`.
pub async fn organization(State(app): State<App>) -> ApiResult<Response> {
    let org = app.org();
    let info = &org.organization;
    ok(json!({
        "id": info.id,
        "name": info.name,
        "thirdPartyOrgName": info.domain,
        "domain": info.domain,
        "defaultLanguage": "en",
        "defaultCountryCode": "US",
        "version": 1,
        "state": "active",
        "productPlatform": "GenesysCloud",
        "features": {},
        "selfUri": format!("/api/v2/organizations/{}", info.id),
    }))
}

impl Kind for Role {
    const NOUN: &'static str = "role";
    const PATH: &'static str = "/api/v2/authorization/roles";
    const LISTING: Listing = Listing::Paged;

    fn name(&self) -> &str {
        &self.name
    }

    fn render(&self, view: &View) -> Value {
        let users = view
            .org
            .users
            .values()
            .filter(|u| u.grants.iter().any(|g| g.role_id == self.id))
            .count();
        json!({"id": self.id, "name": self.name, "description": self.description,
               "permissions": self.permissions, "userCount": users,
               "selfUri": format!("/api/v2/authorization/roles/{}", self.id)})
    }

    fn listed(&self, filters: &Filters) -> bool {
        filters.name_prefix(&self.name) && filters.id(&self.id)
    }
}

/// One `RoleDivisionPair`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GrantBody {
    role_id: String,
    division_id: String,
}

/// The `RoleDivisionGrants` body.
#[derive(Debug, Deserialize)]
pub struct GrantsBody {
    grants: Vec<GrantBody>,
}

/// `POST /api/v2/authorization/subjects/{subjectId}/bulkadd`.
pub async fn bulk_add_grants(
    State(app): State<App>,
    Path(subject): Path<String>,
    ContractBody(body): ContractBody<GrantsBody>,
) -> ApiResult<Response> {
    let mut org = app.org();
    for (i, grant) in body.grants.iter().enumerate() {
        if !org.roles.contains(&grant.role_id) {
            return Err(ApiError::bad_field(
                &format!("grants[{i}].roleId"),
                format!("role {} does not exist", grant.role_id),
            ));
        }
        if !org.divisions.contains(&grant.division_id) {
            return Err(ApiError::bad_field(
                &format!("grants[{i}].divisionId"),
                format!("division {} does not exist", grant.division_id),
            ));
        }
    }
    let user = live_user_mut(&mut org, &subject)?;
    for grant in body.grants {
        let grant = Grant {
            role_id: grant.role_id,
            division_id: grant.division_id,
        };
        if !user.grants.contains(&grant) {
            user.grants.push(grant);
        }
    }
    no_content()
}

/// `GET /api/v2/speechandtextanalytics/settings`.
pub async fn speech_settings() -> ApiResult<Response> {
    ok(json!({
        "expectedDialects": ["en-US"],
        "textAnalyticsEnabled": false,
        "agentEmpathyEnabled": false,
    }))
}
