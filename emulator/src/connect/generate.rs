//! A deterministic Connect instance of any size, for the tests and the demo: the same
//! [`InstanceSpec`] always gives the same instance, ids included.
//!
//! Shape: a two-level hierarchy (3 regions, 2 sites each), `queues` standard queues plus one agent
//! queue per user (as Connect keeps them), a routing profile per pair of queues routing both on
//! voice and chat, `custom_statuses` custom agent statuses next to Connect's built-in `Available`
//! and `Offline`, proficiencies in `Technology` (skills) and `Language` (languages), Unicode names,
//! every `without_email_every`-th user without an email and every 20th in no hierarchy group.

use sha2::{Digest, Sha256};

use super::instance::{
    FakeAgentStatus, FakeHierarchyGroup, FakeInstance, FakeProficiency, FakeQueue,
    FakeRoutingProfile, FakeUser,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstanceSpec {
    /// users
    pub users: usize,
    /// standard queues (at least one)
    pub queues: usize,
    /// custom agent statuses
    pub custom_statuses: usize,
    /// every n-th user (the n-th, 2n-th, ...) has no email; `None`: all have one
    pub without_email_every: Option<usize>,
}

impl InstanceSpec {
    /// `users` users, `queues` queues, `custom_statuses` statuses, every user with an email.
    pub fn new(users: usize, queues: usize, custom_statuses: usize) -> Self {
        Self {
            users,
            queues,
            custom_statuses,
            without_email_every: None,
        }
    }
}

const FIRST: [&str; 12] = [
    "Zoë", "Łukasz", "José", "Søren", "Ayşe", "Björn", "Chloé", "Dmitrij", "Émilie", "Iñaki",
    "Mårten", "Nguyễn",
];
const LAST: [&str; 10] = [
    "Ångström",
    "Müller",
    "Ñúñez",
    "Kowalczyk",
    "Østergaard",
    "Çelik",
    "Dvořák",
    "Papadopoulos",
    "Šimić",
    "O'Brien",
];
const REGIONS: [(&str, [&str; 2]); 3] = [
    ("EMEA", ["Berlin", "Zürich"]),
    ("AMER", ["New York", "São Paulo"]),
    ("APAC", ["東京", "Sydney"]),
];
const TECHNOLOGIES: [&str; 4] = ["AWS", "Azure", "Kubernetes", "Réseau"];
const LANGUAGES: [&str; 4] = ["German", "English", "Français", "日本語"];
const STATUSES: [&str; 8] = [
    "Lunch",
    "Break",
    "Training",
    "Meeting",
    "Coaching",
    "Pause café",
    "Back office",
    "Réunion d'équipe",
];

/// A V4-shaped UUID derived from `seed`.
pub fn fake_uuid(seed: &str) -> String {
    let digest = Sha256::digest(seed.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(bytes).to_string()
}

/// The instance `spec` describes.
pub fn generate(spec: InstanceSpec) -> FakeInstance {
    let id = fake_uuid(&format!("instance/{spec:?}"));
    let id_of = |kind: &str, n: usize| fake_uuid(&format!("{id}/{kind}/{n}"));
    let mut groups = Vec::new();
    let mut sites = Vec::new();
    for (r, (region, children)) in REGIONS.iter().enumerate() {
        let region_id = id_of("group", r * 10);
        groups.push(FakeHierarchyGroup {
            id: region_id.clone(),
            name: (*region).to_owned(),
            path: vec![region_id.clone()],
        });
        for (s, site) in children.iter().enumerate() {
            let site_id = id_of("group", r * 10 + s + 1);
            sites.push(site_id.clone());
            groups.push(FakeHierarchyGroup {
                id: site_id.clone(),
                name: (*site).to_owned(),
                path: vec![region_id.clone(), site_id],
            });
        }
    }
    let queue_count = spec.queues.max(1);
    let mut queues: Vec<FakeQueue> = (0..queue_count)
        .map(|q| FakeQueue {
            id: id_of("queue", q),
            name: Some(format!("Queue {:02} – {}", q + 1, LANGUAGES[q % 4])),
            queue_type: "STANDARD",
        })
        .collect();
    let profiles: Vec<FakeRoutingProfile> = (0..queue_count.div_ceil(2))
        .map(|p| {
            let first = id_of("queue", (2 * p) % queue_count);
            let second = id_of("queue", (2 * p + 1) % queue_count);
            FakeRoutingProfile {
                id: id_of("routing-profile", p),
                name: format!("Profile {:02}", p + 1),
                queues: vec![
                    (first.clone(), "VOICE"),
                    (second.clone(), "VOICE"),
                    (first, "CHAT"),
                    (second, "CHAT"),
                ],
            }
        })
        .collect();
    let users: Vec<FakeUser> = (0..spec.users)
        .map(|u| user(u, spec, &id_of("user", u), &profiles, &sites))
        .collect();
    queues.extend(users.iter().map(|u| FakeQueue {
        id: fake_uuid(&format!("agent-queue/{}", u.id)),
        name: None,
        queue_type: "AGENT",
    }));
    let mut agent_statuses = vec![FakeAgentStatus {
        id: id_of("status", 0),
        name: "Available".into(),
        status_type: "ROUTABLE",
    }];
    agent_statuses.extend((0..spec.custom_statuses).map(|s| {
        FakeAgentStatus {
            id: id_of("status", s + 1),
            name: STATUSES
                .get(s)
                .map_or_else(|| format!("Status {s}"), |n| (*n).to_owned()),
            status_type: "CUSTOM",
        }
    }));
    agent_statuses.push(FakeAgentStatus {
        id: id_of("status", 999),
        name: "Offline".into(),
        status_type: "OFFLINE",
    });
    FakeInstance {
        id,
        region: "eu-central-1".into(),
        users,
        queues,
        routing_profiles: profiles,
        agent_statuses,
        hierarchy_groups: groups,
    }
}

fn user(
    u: usize,
    spec: InstanceSpec,
    id: &str,
    profiles: &[FakeRoutingProfile],
    sites: &[String],
) -> FakeUser {
    let n = u + 1;
    let without_email = spec
        .without_email_every
        .is_some_and(|every| every > 0 && n.is_multiple_of(every));
    let mut proficiencies = Vec::new();
    if u % 7 != 6 {
        proficiencies.push(FakeProficiency {
            attribute: "Technology".into(),
            value: TECHNOLOGIES[u % 4].into(),
            // 1.0 to 5.0 in halves
            level: 1.0 + (u % 9) as f32 * 0.5,
        });
        proficiencies.push(FakeProficiency {
            attribute: "Language".into(),
            value: LANGUAGES[(u / 4) % 4].into(),
            level: if u.is_multiple_of(2) { 5.0 } else { 3.5 },
        });
    }
    FakeUser {
        id: id.to_owned(),
        username: format!("agent{n:04}"),
        first_name: FIRST[u % FIRST.len()].into(),
        last_name: format!("{} {n}", LAST[u % LAST.len()]),
        email: (!without_email).then(|| format!("agent{n:04}@example.com")),
        routing_profile_id: profiles[u % profiles.len()].id.clone(),
        hierarchy_group_id: (!n.is_multiple_of(20)).then(|| sites[u % sites.len()].clone()),
        proficiencies,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_spec_gives_the_same_instance() {
        let spec = InstanceSpec {
            without_email_every: Some(50),
            ..InstanceSpec::new(200, 10, 5)
        };

        let one = generate(spec);

        assert_eq!(one, generate(spec));
        assert_eq!(one.users.len(), 200);
        assert_eq!(one.users.iter().filter(|u| u.email.is_none()).count(), 4);
        let standard = one.queues.iter().filter(|q| q.queue_type == "STANDARD");
        assert_eq!(standard.count(), 10);
        let custom = one
            .agent_statuses
            .iter()
            .filter(|s| s.status_type == "CUSTOM");
        assert_eq!(custom.count(), 5);
        assert_ne!(one.id, generate(InstanceSpec::new(10, 2, 1)).id);
    }
}
