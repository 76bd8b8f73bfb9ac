//! `/api/v2/users`: users, external ids, routing skills and languages.

use reqwest::Method;

use super::error::GenesysError;
use super::http::{Call, GenesysClient};
use super::model::{CreateUser, ProficiencyPost, UpdateUser, User, UserExternalIdentifier};
use super::seg;
use crate::deadline::Deadline;

/// The largest page the users listings accept.
pub const USERS_PAGE_SIZE: u32 = 100;

/// Which users a listing returns (`state=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserStateFilter {
    /// active only (Genesys's default)
    Active,
    /// inactive only
    Inactive,
    /// soft-deleted only
    Deleted,
    /// all of them
    Any,
}

impl UserStateFilter {
    fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Inactive => "inactive",
            Self::Deleted => "deleted",
            Self::Any => "any",
        }
    }
}

impl GenesysClient {
    /// Every user in `state`, with skills and languages expanded, all pages.
    ///
    /// # Errors
    /// The call's error or a truncated listing.
    pub async fn list_users(
        &self,
        state: UserStateFilter,
        deadline: Deadline,
    ) -> Result<Vec<User>, GenesysError> {
        let query = [
            ("state", state.as_str().to_owned()),
            ("expand", "skills,languages".to_owned()),
        ];
        self.list_all("/api/v2/users", &query, USERS_PAGE_SIZE, deadline)
            .await
    }

    /// One user; `deleted` also finds a soft-deleted one.
    ///
    /// # Errors
    /// 404 when there is no such user.
    pub async fn get_user(
        &self,
        user_id: &str,
        deleted: bool,
        deadline: Deadline,
    ) -> Result<User, GenesysError> {
        let path = format!("/api/v2/users/{}", seg(user_id));
        let mut call = Call::new(Method::GET, &path).query("expand", "skills,languages");
        if deleted {
            call = call.query("state", "deleted");
        }
        self.send_json(call, deadline).await
    }

    /// Creates a user.
    ///
    /// # Errors
    /// `general.conflict` (409) when the email exists, even soft-deleted.
    pub async fn create_user(
        &self,
        body: &CreateUser,
        deadline: Deadline,
    ) -> Result<User, GenesysError> {
        self.send_json(
            Call::new(Method::POST, "/api/v2/users").json(body)?,
            deadline,
        )
        .await
    }

    /// Updates a user; `body.version` must be the current version.
    ///
    /// # Errors
    /// A version conflict ([`GenesysError::is_version_conflict`]) when the version is stale.
    pub async fn update_user(
        &self,
        user_id: &str,
        body: &UpdateUser,
        deadline: Deadline,
    ) -> Result<User, GenesysError> {
        let path = format!("/api/v2/users/{}", seg(user_id));
        self.send_json(Call::new(Method::PATCH, &path).json(body)?, deadline)
            .await
    }

    /// Soft-deletes a user.
    ///
    /// # Errors
    /// The call's error.
    pub async fn delete_user(&self, user_id: &str, deadline: Deadline) -> Result<(), GenesysError> {
        let path = format!("/api/v2/users/{}", seg(user_id));
        self.send_unit(Call::new(Method::DELETE, &path), deadline)
            .await
    }

    /// The user carrying `key` under `authority`, or `None` (404).
    ///
    /// # Errors
    /// Any error other than 404.
    pub async fn find_user_by_external_id(
        &self,
        authority: &str,
        key: &str,
        deadline: Deadline,
    ) -> Result<Option<User>, GenesysError> {
        let path = format!("/api/v2/users/externalid/{}/{}", seg(authority), seg(key));
        match self
            .send_json(Call::new(Method::GET, &path), deadline)
            .await
        {
            Ok(user) => Ok(Some(user)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Adds an external id to a user (case-sensitive; at most 100 per user).
    ///
    /// # Errors
    /// The call's error.
    pub async fn add_external_id(
        &self,
        user_id: &str,
        id: &UserExternalIdentifier,
        deadline: Deadline,
    ) -> Result<Vec<UserExternalIdentifier>, GenesysError> {
        let path = format!("/api/v2/users/{}/externalid", seg(user_id));
        let ids: Option<Vec<UserExternalIdentifier>> = self
            .send_json(Call::new(Method::POST, &path).json(id)?, deadline)
            .await?;
        Ok(ids.unwrap_or_default())
    }

    /// Replaces all of a user's routing skills in one call (`PUT .../routingskills/bulk`).
    ///
    /// # Errors
    /// The call's error.
    pub async fn replace_user_skills(
        &self,
        user_id: &str,
        skills: &[ProficiencyPost],
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!("/api/v2/users/{}/routingskills/bulk", seg(user_id));
        self.send_unit(Call::new(Method::PUT, &path).json(skills)?, deadline)
            .await
    }

    /// Adds or updates routing languages of a user (at most 50 per call).
    ///
    /// # Errors
    /// The call's error.
    pub async fn patch_user_languages(
        &self,
        user_id: &str,
        languages: &[ProficiencyPost],
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!("/api/v2/users/{}/routinglanguages/bulk", seg(user_id));
        self.send_unit(Call::new(Method::PATCH, &path).json(languages)?, deadline)
            .await
    }

    /// Removes one routing language from a user.
    ///
    /// # Errors
    /// The call's error.
    pub async fn remove_user_language(
        &self,
        user_id: &str,
        language_id: &str,
        deadline: Deadline,
    ) -> Result<(), GenesysError> {
        let path = format!(
            "/api/v2/users/{}/routinglanguages/{}",
            seg(user_id),
            seg(language_id)
        );
        self.send_unit(Call::new(Method::DELETE, &path), deadline)
            .await
    }
}
