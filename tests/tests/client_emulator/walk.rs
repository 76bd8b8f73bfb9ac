//! Every client method once, in an order that makes each call meaningful. The emulator validates
//! each request body against the official contract and answers 400 naming the field otherwise.

use std::collections::BTreeMap;

use chrono::Utc;
use exsync::deadline::Deadline;
use exsync::genesys::model::*;
use exsync::genesys::{DivisionObjectType, UserStateFilter};
use exsync::ids::{IdNamespace, derived_uuid};
use integration_tests::genesys::Genesys;

#[tokio::test]
async fn every_client_method_is_accepted_by_the_contract() {
    let g = Genesys::start().await;
    let c = &g.client;
    let d = Deadline::none();

    // divisions
    let home = c.home_division(d).await.unwrap();
    let div = c
        .create_division(
            &Division {
                name: Some("EMEA".into()),
                description: "Europe".into(),
                ..Division::default()
            },
            d,
        )
        .await
        .unwrap();
    let div_id = div.id.clone().unwrap();
    c.update_division(
        &div_id,
        &Division {
            name: Some("EMEA West".into()),
            description: "Europe".into(),
            ..Division::default()
        },
        d,
    )
    .await
    .unwrap();
    assert!(c.list_divisions(d).await.unwrap().len() >= 2);

    // skills, languages, wrap-up codes
    let skill = c
        .create_skill(
            &CreateRoutingSkill {
                name: "Billing".into(),
                division_id: home.id.clone(),
            },
            d,
        )
        .await
        .unwrap();
    c.set_skill_division(&skill.id, &div_id, d).await.unwrap();
    let language = c.create_language("German", d).await.unwrap();
    let language_id = language.id.clone().unwrap();
    let code = c
        .create_wrapup_code(
            &WrapupCodeWrite {
                name: "Resolved".into(),
                division: Some(EntityRef::id(&div_id)),
                description: None,
            },
            d,
        )
        .await
        .unwrap();
    c.update_wrapup_code(
        &code.id,
        &WrapupCodeWrite {
            name: "Resolved ok".into(),
            division: Some(EntityRef::id(&div_id)),
            description: Some("done".into()),
        },
        d,
    )
    .await
    .unwrap();
    assert_eq!(c.list_languages(d).await.unwrap().len(), 1);
    assert_eq!(c.list_wrapup_codes(d).await.unwrap().len(), 1);

    // queues
    let queue = c
        .create_queue(
            &QueueWrite {
                name: "Billing DE".into(),
                division: Some(EntityRef::id(&div_id)),
                description: Some("line".into()),
            },
            d,
        )
        .await
        .unwrap();
    c.update_queue_keeping_settings(
        &queue.id,
        &QueueWrite {
            name: "Billing Germany".into(),
            division: Some(EntityRef::id(&div_id)),
            description: None,
        },
        d,
    )
    .await
    .unwrap();
    c.add_queue_wrapup_codes(&queue.id, std::slice::from_ref(&code.id), d)
        .await
        .unwrap();
    assert_eq!(
        c.list_queue_wrapup_codes(&queue.id, d).await.unwrap().len(),
        1
    );

    // users
    let user = c
        .create_user(
            &CreateUser {
                name: "Lena Vogel".into(),
                email: "lena@example.com".into(),
                division_id: div_id.clone(),
                department: Some("Billing".into()),
                title: None,
                state: Some(UserState::Active),
            },
            d,
        )
        .await
        .unwrap();
    let ext = UserExternalIdentifier {
        authority_name: "exsync".into(),
        external_key: "agent-1001".into(),
    };
    c.add_external_id(&user.id, &ext, d).await.unwrap();
    assert_eq!(
        c.find_user_by_external_id("exsync", "agent-1001", d)
            .await
            .unwrap()
            .map(|u| u.id),
        Some(user.id.clone())
    );
    assert!(
        c.find_user_by_external_id("exsync", "AGENT-1001", d)
            .await
            .unwrap()
            .is_none(),
        "case-sensitive"
    );
    let updated = c
        .update_user(
            &user.id,
            &UpdateUser {
                version: user.version,
                title: Some("Agent".into()),
                employer_info: Some(EmployerInfo {
                    employee_id: Some("E-1".into()),
                    official_name: None,
                }),
                ..UpdateUser::default()
            },
            d,
        )
        .await
        .unwrap();
    assert_eq!(updated.version, user.version + 1);
    c.replace_user_skills(
        &user.id,
        &[ProficiencyPost {
            id: skill.id.clone(),
            proficiency: 4.0,
        }],
        d,
    )
    .await
    .unwrap();
    c.patch_user_languages(
        &user.id,
        &[ProficiencyPost {
            id: language_id.clone(),
            proficiency: 3.0,
        }],
        d,
    )
    .await
    .unwrap();
    c.move_to_division(
        &home.id.clone().unwrap(),
        DivisionObjectType::User,
        std::slice::from_ref(&user.id),
        d,
    )
    .await
    .unwrap();
    c.change_queue_members(&queue.id, std::slice::from_ref(&user.id), false, d)
        .await
        .unwrap();
    assert_eq!(c.list_queue_members(&queue.id, d).await.unwrap().len(), 1);
    let listed = c.list_users(UserStateFilter::Any, d).await.unwrap();
    assert_eq!(
        listed[0].skills.as_ref().map(Vec::len),
        Some(1),
        "expand=skills,languages is honoured"
    );

    // presence
    let mut labels = BTreeMap::new();
    labels.insert("en_US".to_owned(), "Lunch".to_owned());
    let definition = c
        .create_presence_definition(
            &PresenceDefinition {
                language_labels: labels.clone(),
                system_presence: Some("Meal".into()),
                ..PresenceDefinition::default()
            },
            d,
        )
        .await
        .unwrap();
    let definition_id = definition.id.clone().unwrap();
    labels.insert("de".to_owned(), "Mittagspause".to_owned());
    c.update_presence_definition(
        &definition_id,
        &PresenceDefinition {
            language_labels: labels,
            system_presence: Some("Meal".into()),
            ..PresenceDefinition::default()
        },
        d,
    )
    .await
    .unwrap();
    assert!(
        c.list_presence_definitions(d).await.unwrap().len() >= 11,
        "ten system presences and ours"
    );
    assert_eq!(c.list_system_presences(d).await.unwrap().len(), 10);
    let source = c
        .create_presence_source(
            &PresenceSource {
                name: "External CC".into(),
                ..PresenceSource::default()
            },
            d,
        )
        .await
        .unwrap();
    let source_id = source.id.clone().unwrap();
    assert!(
        c.list_presence_sources(d)
            .await
            .unwrap()
            .iter()
            .any(|s| s.id.as_deref() == Some(&source_id))
    );
    let mut settings = c.presence_settings(d).await.unwrap();
    settings.default_primary_presence_registered_source_id = Some(source_id.clone());
    c.update_presence_settings(&settings, d).await.unwrap();

    // events
    let now = Utc::now();
    let presence = BatchUserPresenceEventRequest {
        user_presence_events: vec![UserPresenceEvent {
            event_id: derived_uuid(IdNamespace::PresenceEvent, &["walk", "1"]).to_string(),
            event_date_time: now,
            user_id: user.id.clone(),
            source_id: source_id.clone(),
            presence_definition_id: Some(definition_id.clone()),
            message: None,
        }],
    };
    assert!(
        c.send_presence_events(&presence, d)
            .await
            .unwrap()
            .errors
            .is_empty()
    );
    let routing = BatchUserRoutingStatusEventRequest {
        user_routing_status_events: vec![UserRoutingStatusEvent {
            event_id: derived_uuid(IdNamespace::RoutingStatusEvent, &["walk", "1"]).to_string(),
            event_date_time: now,
            agent_id: user.id.clone(),
            status: EventRoutingStatus::Idle,
            source_id: source_id.clone(),
        }],
    };
    assert!(
        c.send_routing_status_events(&routing, d)
            .await
            .unwrap()
            .errors
            .is_empty()
    );
    let conversation_id = derived_uuid(IdNamespace::Conversation, &["walk", "call-1"]).to_string();
    let header = |n: &str| EventHeader {
        event_id: derived_uuid(IdNamespace::ConversationEvent, &["walk", n]).to_string(),
        event_date_time: now,
        conversation_id: conversation_id.clone(),
    };
    let customer =
        derived_uuid(IdNamespace::Communication, &["walk", "call-1", "customer"]).to_string();
    let batch = BatchConversationEventRequest {
        external_established_events: vec![ExternalEstablishedEvent {
            established: Established {
                header: header("1"),
                communication_id: customer.clone(),
                initial_configuration: InitialConfiguration {
                    inbound: Some(true),
                    ..InitialConfiguration::default()
                },
                source_configuration: SourceConfiguration {
                    source_id: source_id.clone(),
                    interaction_id: "call-1".into(),
                    tag_id: Some("call-1".into()),
                },
            },
            ani: Some("+4930123456".into()),
            dnis: None,
        }],
        ..BatchConversationEventRequest::default()
    };
    assert!(
        c.send_conversation_events(&batch, d)
            .await
            .unwrap()
            .errors
            .is_empty()
    );
    let conversation = c
        .get_conversation(&conversation_id, d)
        .await
        .unwrap()
        .expect("built from the events");
    assert_eq!(conversation.external_tag.as_deref(), Some("call-1"));
    assert!(
        c.recording_metadata(&conversation_id, d)
            .await
            .unwrap()
            .is_empty()
    );

    // uploads
    let upload = c
        .request_recording_upload(
            &UploadUrlRequest {
                file_name: Some(format!("{conversation_id}_{customer}.wav")),
                content_type: Some("audio/wav".into()),
                content_md5: Some("1B2M2Y8AsgTpgAmY7PhCfg==".into()),
                ..UploadUrlRequest::default()
            },
            d,
        )
        .await
        .unwrap();
    assert!(
        upload
            .url
            .starts_with(c.api_base().as_str().trim_end_matches('/'))
    );
    let report = c
        .create_upload_report(
            &RecordingUploadReportRequest {
                date_since: (now - chrono::Duration::hours(1)).to_rfc3339(),
                upload_status: None,
            },
            d,
        )
        .await
        .unwrap();
    c.upload_report(&report.id, d).await.unwrap();

    // removals
    c.remove_queue_wrapup_code(&queue.id, &code.id, d)
        .await
        .unwrap();
    c.change_queue_members(&queue.id, std::slice::from_ref(&user.id), true, d)
        .await
        .unwrap();
    c.remove_user_language(&user.id, &language_id, d)
        .await
        .unwrap();
    c.delete_user(&user.id, d).await.unwrap();
    assert!(
        c.get_user(&user.id, true, d).await.is_ok(),
        "soft-deleted users stay readable"
    );
    c.delete_queue(&queue.id, d).await.unwrap();
    c.delete_wrapup_code(&code.id, d).await.unwrap();
    c.delete_skill(&skill.id, d).await.unwrap();
    c.delete_language(&language_id, d).await.unwrap();
    c.delete_presence_definition(&definition_id, d)
        .await
        .unwrap();
    c.delete_division(&div_id, d).await.unwrap();

    let rejected: Vec<_> = g
        .emulator
        .requests()
        .into_iter()
        .filter(|r| r.status == 400)
        .collect();
    assert!(rejected.is_empty(), "the contract rejected: {rejected:#?}");
}
