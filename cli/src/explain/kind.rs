//! The kinds of object `exsync explain` takes, as typed on the command line, and what each is to
//! the rest of exsync: a configuration object type, an interaction or a recording.

use exsync::external::ObjectKind;
use serde::Serialize;

/// What `<kind>` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// a user (also an agent: presence, routing status, dead letters)
    #[value(alias = "agent", alias = "users")]
    User,
    /// an ACD queue
    #[value(alias = "queues")]
    Queue,
    /// an ACD skill
    #[value(alias = "skills")]
    Skill,
    /// an ACD language
    #[value(alias = "languages")]
    Language,
    /// a division (business unit)
    #[value(alias = "divisions")]
    Division,
    /// a wrap-up code
    #[value(alias = "wrapup", alias = "wrap-up-code")]
    WrapupCode,
    /// a secondary (not-ready) status
    SecondaryStatus,
    /// an interaction (a call sent as a Genesys conversation)
    Interaction,
    /// the recordings of an interaction (by interaction id or object key)
    Recording,
}

impl Kind {
    /// The configuration object type, for the kinds config sync manages.
    pub fn object_kind(self) -> Option<ObjectKind> {
        match self {
            Self::User => Some(ObjectKind::Users),
            Self::Queue => Some(ObjectKind::Queues),
            Self::Skill => Some(ObjectKind::Skills),
            Self::Language => Some(ObjectKind::Languages),
            Self::Division => Some(ObjectKind::Divisions),
            Self::WrapupCode => Some(ObjectKind::WrapupCodes),
            Self::SecondaryStatus => Some(ObjectKind::SecondaryStatuses),
            Self::Interaction | Self::Recording => None,
        }
    }

    /// The kind as typed (`wrapup-code`).
    pub fn name(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Queue => "queue",
            Self::Skill => "skill",
            Self::Language => "language",
            Self::Division => "division",
            Self::WrapupCode => "wrapup-code",
            Self::SecondaryStatus => "secondary-status",
            Self::Interaction => "interaction",
            Self::Recording => "recording",
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use clap::ValueEnum as _;

    use super::*;

    #[test]
    fn agent_is_another_name_for_user() {
        assert_eq!(Kind::from_str("agent", false).unwrap(), Kind::User);
        assert_eq!(Kind::from_str("user", false).unwrap(), Kind::User);
    }

    #[test]
    fn every_configuration_kind_names_its_object_type_and_the_others_none() {
        assert_eq!(
            Kind::from_str("wrapup-code", false).unwrap().object_kind(),
            Some(ObjectKind::WrapupCodes)
        );
        assert_eq!(Kind::Interaction.object_kind(), None);
        assert_eq!(Kind::Recording.object_kind(), None);
    }
}
