//! S3's 403, told as what it is: a permission the function's role lacks, naming the IAM action
//! and the resource ARN, never a transient failure worth retrying.
//!
//! For a read (GetObject, HeadObject) S3 also answers 403 when the object does not exist and the
//! role may not `s3:ListBucket` the bucket: it will not tell a reader without list permission
//! whether a key exists. The message says so, since that is the usual cause of a 403 on a read.

use std::fmt;

/// A refused S3 call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessDenied {
    /// the IAM action, e.g. `s3:GetObject` (HeadObject is authorised as GetObject,
    /// ListObjectsV2 as ListBucket)
    pub action: &'static str,
    /// the resource ARN the action was refused on
    pub resource: String,
    /// the bucket's ARN, named when a missing `s3:ListBucket` may be the cause
    pub list_hint: Option<String>,
    /// what S3 said (error code and message)
    pub said: String,
}

impl AccessDenied {
    /// The refusal of the S3 `operation` on `key` in `bucket` (`key` is the prefix for a list)
    /// in `region` (which picks the ARN partition).
    pub fn new(
        operation: &str,
        region: Option<&str>,
        bucket: &str,
        key: &str,
        said: impl Into<String>,
    ) -> Self {
        let partition = partition(region);
        let bucket_arn = format!("arn:{partition}:s3:::{bucket}");
        let (action, resource, read) = match operation {
            "GetObject" | "HeadObject" => ("s3:GetObject", format!("{bucket_arn}/{key}"), true),
            "PutObject" => ("s3:PutObject", format!("{bucket_arn}/{key}"), false),
            "DeleteObject" => ("s3:DeleteObject", format!("{bucket_arn}/{key}"), false),
            "ListObjectsV2" | "ListObjects" => ("s3:ListBucket", bucket_arn.clone(), false),
            _ => ("s3:*", format!("{bucket_arn}/{key}"), false),
        };
        Self {
            action,
            resource,
            list_hint: read.then_some(bucket_arn),
            said: said.into(),
        }
    }
}

impl fmt::Display for AccessDenied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "permission denied: the role may not {} on {} ({})",
            self.action, self.resource, self.said
        )?;
        if let Some(bucket) = &self.list_hint {
            write!(
                f,
                "; S3 also answers 403 for a missing object when the role lacks s3:ListBucket on {bucket}"
            )?;
        }
        Ok(())
    }
}

/// The ARN partition of a region: `aws-cn` for China, `aws-us-gov` for GovCloud, else `aws`.
fn partition(region: Option<&str>) -> &'static str {
    match region {
        Some(r) if r.starts_with("cn-") => "aws-cn",
        Some(r) if r.starts_with("us-gov-") => "aws-us-gov",
        _ => "aws",
    }
}

/// True for an S3 answer that means "refused": HTTP 403 or the `AccessDenied` code.
pub fn is_denied(status: Option<u16>, code: Option<&str>) -> bool {
    status == Some(403) || matches!(code, Some("AccessDenied" | "AllAccessDisabled"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_read_names_the_action_the_object_and_the_list_permission() {
        let denied = AccessDenied::new(
            "GetObject",
            Some("eu-central-1"),
            "state",
            "exsync/agent-state/last/a.json",
            "AccessDenied: Access Denied",
        );

        let text = denied.to_string();

        assert!(
            text.contains("s3:GetObject on arn:aws:s3:::state/exsync/agent-state/last/a.json"),
            "{text}"
        );
        assert!(
            text.contains("s3:ListBucket on arn:aws:s3:::state"),
            "{text}"
        );
    }

    #[test]
    fn a_refused_list_names_the_bucket_and_china_regions_use_their_partition() {
        let denied = AccessDenied::new(
            "ListObjectsV2",
            Some("cn-north-1"),
            "b",
            "p/",
            "AccessDenied",
        );

        assert_eq!(denied.action, "s3:ListBucket");
        assert_eq!(denied.resource, "arn:aws-cn:s3:::b");
        assert_eq!(denied.list_hint, None);
    }

    #[test]
    fn only_403_and_access_denied_count_as_refused() {
        assert!(is_denied(Some(403), None));
        assert!(is_denied(None, Some("AccessDenied")));
        assert!(!is_denied(Some(404), Some("NoSuchKey")));
        assert!(!is_denied(Some(503), Some("SlowDown")));
    }
}
