//! Reading a mapping document: the JSON decoded into a [`MappingDocument`], then checked by the
//! rules in `validate.rs`, for every concern or for one.

use super::concern::Concern;
use super::document::{MAPPING_OBJECT, MappingDocument};
use super::validate::{validate_mapping, validate_mapping_for};
use crate::external::decode::{Layout, decode, parse_json};
use crate::external::{Format, InputError};

/// Reads and validates a mapping document: every rule of every concern.
///
/// # Errors
///
/// An [`InputError`] listing every problem, each on object `mapping` with the field's path
/// (`agentState.rules[3].routingStatus`).
pub fn parse_mapping(json: &str) -> Result<MappingDocument, InputError> {
    let mapping = read_mapping(json)?;
    validate_mapping(&mapping)?;
    Ok(mapping)
}

/// Reads a mapping document for one concern: it is refused only for problems of that concern (a
/// broken agent-state rule does not stop configuration sync). A document that cannot be read as a
/// mapping at all is refused for every concern.
///
/// # Errors
///
/// An [`InputError`] listing the unreadable parts, or every broken rule of `concern`.
pub fn parse_mapping_for(json: &str, concern: Concern) -> Result<MappingDocument, InputError> {
    let mapping = read_mapping(json)?;
    validate_mapping_for(&mapping, concern)?;
    Ok(mapping)
}

fn read_mapping(json: &str) -> Result<MappingDocument, InputError> {
    let value = parse_json(json, MAPPING_OBJECT).map_err(InputError::single)?;
    Format::Mapping
        .check(&value, MAPPING_OBJECT)
        .map_err(InputError::single)?;
    let decoded = decode::<MappingDocument>(value, Layout::Document(MAPPING_OBJECT));
    match decoded.value {
        Some(mapping) if decoded.problems.is_empty() => Ok(mapping),
        _ => Err(InputError::new(decoded.problems)),
    }
}
