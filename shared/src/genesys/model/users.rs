//! Users, their external ids, routing skills and languages.

use serde::{Deserialize, Serialize};

use super::common::EntityRef;

/// A user's lifecycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserState {
    /// can log in and be routed
    Active,
    /// kept but disabled
    Inactive,
    /// soft-deleted
    Deleted,
}

/// `EmployerInfo`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmployerInfo {
    /// employee id
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_id: Option<String>,
    /// official name
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_name: Option<String>,
}

/// `User` as Genesys returns it (the fields exsync reads).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// user id
    pub id: String,
    /// full name
    #[serde(default)]
    pub name: Option<String>,
    /// email, also the username
    #[serde(default)]
    pub email: Option<String>,
    /// division
    #[serde(default)]
    pub division: Option<EntityRef>,
    /// lifecycle state
    #[serde(default)]
    pub state: Option<UserState>,
    /// job title
    #[serde(default)]
    pub title: Option<String>,
    /// department
    #[serde(default)]
    pub department: Option<String>,
    /// manager (a user reference)
    #[serde(default)]
    pub manager: Option<EntityRef>,
    /// optimistic-concurrency version, required on PATCH
    pub version: i64,
    /// employer info
    #[serde(default)]
    pub employer_info: Option<EmployerInfo>,
    /// routing skills, with `expand=skills`
    #[serde(default)]
    pub skills: Option<Vec<UserRoutingSkill>>,
    /// routing languages, with `expand=languages`
    #[serde(default)]
    pub languages: Option<Vec<UserRoutingLanguage>>,
}

/// `CreateUser`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateUser {
    /// full name
    pub name: String,
    /// email (username)
    pub email: String,
    /// division id
    pub division_id: String,
    /// department
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// title
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// initial state
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<UserState>,
}

/// `UpdateUser`: only `version` is required; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateUser {
    /// the user's current version
    pub version: i64,
    /// full name
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// email
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// department
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// title
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// manager user id
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manager: Option<String>,
    /// state
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<UserState>,
    /// employer info
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employer_info: Option<EmployerInfo>,
}

/// `UserExternalIdentifier`
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserExternalIdentifier {
    /// the authority (exsync's is configured in the mapping)
    pub authority_name: String,
    /// the external key (case-sensitive)
    pub external_key: String,
}

/// `UserRoutingSkillPost` / `UserRoutingLanguagePost`: an assignment with proficiency 0–5.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProficiencyPost {
    /// skill or language id
    pub id: String,
    /// proficiency 0.0–5.0
    pub proficiency: f64,
}

/// `UserRoutingSkill`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserRoutingSkill {
    /// skill id
    pub id: String,
    /// skill name
    #[serde(default)]
    pub name: Option<String>,
    /// proficiency
    #[serde(default)]
    pub proficiency: Option<f64>,
}

/// `UserRoutingLanguage`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserRoutingLanguage {
    /// language id
    pub id: String,
    /// language name
    #[serde(default)]
    pub name: Option<String>,
    /// proficiency
    #[serde(default)]
    pub proficiency: Option<f64>,
}
