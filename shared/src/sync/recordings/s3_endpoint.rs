//! Whether a host name is an Amazon S3 endpoint, the only place a presigned upload URL may point
//! by default (Genesys's upload URL is a presigned URL of a Genesys bucket). Pure.
//!
//! A host is `[bucket.]<endpoint>.amazonaws.com` (or `.amazonaws.com.cn` in the China regions),
//! where the bucket part is optional (path-style puts the bucket in the path) and `<endpoint>` is
//! one of the forms AWS documents for S3:
//!
//! - `s3.<region>`, `s3.dualstack.<region>`, `s3-fips.<region>`, `s3-fips.dualstack.<region>`;
//! - legacy: `s3` (global), `s3-<region>` (dash), `s3-external-1`;
//! - Transfer Acceleration, virtual-hosted only: `s3-accelerate`, `s3-accelerate.dualstack`.
//!
//! Everything else under `amazonaws.com` is refused: API Gateway (`execute-api`), website and
//! access-point endpoints, other services, any customer's load balancer or instance name.

/// True when `host` (lower case, no port) is an S3 endpoint.
pub fn is_s3_host(host: &str) -> bool {
    let (rest, china) = if let Some(rest) = host.strip_suffix(".amazonaws.com") {
        (rest, false)
    } else if let Some(rest) = host.strip_suffix(".amazonaws.com.cn") {
        (rest, true)
    } else {
        return false;
    };
    let labels: Vec<&str> = rest.split('.').collect();
    if labels.iter().any(|l| !is_label(l)) {
        return false;
    }
    // try each split into a bucket (possibly empty) and an endpoint
    (0..labels.len()).any(|start| {
        let (bucket, endpoint) = labels.split_at(start);
        endpoint_form(endpoint, china)
            .is_some_and(|needs_bucket| !needs_bucket || !bucket.is_empty())
    })
}

/// `Some(needs_bucket)` when `labels` is an S3 endpoint form.
fn endpoint_form(labels: &[&str], china: bool) -> Option<bool> {
    let regional = match labels {
        ["s3" | "s3-fips", region] | ["s3" | "s3-fips", "dualstack", region] => is_region(region),
        _ => false,
    };
    if regional {
        return Some(false);
    }
    if china {
        return None;
    }
    match labels {
        ["s3" | "s3-external-1"] => Some(false),
        ["s3-accelerate"] | ["s3-accelerate", "dualstack"] => Some(true),
        [legacy] => legacy
            .strip_prefix("s3-")
            .filter(|region| is_region(region))
            .map(|_| false),
        _ => None,
    }
}

/// `eu-central-1`, `us-gov-west-1`, `cn-north-1`: two letters, one or more words, a number.
fn is_region(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [first, words @ .., number] = parts.as_slice() else {
        return false;
    };
    first.len() == 2
        && first.chars().all(|c| c.is_ascii_lowercase())
        && !words.is_empty()
        && words
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

/// A DNS label as bucket names use them: letters, digits and hyphens.
fn is_label(label: &str) -> bool {
    !label.is_empty()
        && label
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_endpoints_in_every_documented_form_are_recognised() {
        for host in [
            "bucket.s3.eu-central-1.amazonaws.com",
            "s3.eu-central-1.amazonaws.com",
            "my.dotted.bucket.s3.us-west-2.amazonaws.com",
            "bucket.s3.dualstack.ap-southeast-2.amazonaws.com",
            "s3.dualstack.us-east-1.amazonaws.com",
            "bucket.s3-fips.us-gov-west-1.amazonaws.com",
            "s3-fips.dualstack.us-east-2.amazonaws.com",
            "bucket.s3.amazonaws.com",
            "s3.amazonaws.com",
            "bucket.s3-eu-west-1.amazonaws.com",
            "s3-external-1.amazonaws.com",
            "bucket.s3-accelerate.amazonaws.com",
            "bucket.s3-accelerate.dualstack.amazonaws.com",
            "bucket.s3.cn-north-1.amazonaws.com.cn",
            "s3.dualstack.cn-northwest-1.amazonaws.com.cn",
        ] {
            assert!(is_s3_host(host), "{host}");
        }
    }

    #[test]
    fn other_aws_services_and_look_alikes_are_not_s3() {
        for host in [
            "abc123.execute-api.eu-central-1.amazonaws.com",
            "lambda.eu-central-1.amazonaws.com",
            "bucket.s3-website-eu-west-1.amazonaws.com",
            "bucket.s3-website.eu-west-1.amazonaws.com",
            "ap-123456789012.s3-accesspoint.eu-west-1.amazonaws.com",
            "s3-accelerate.amazonaws.com",
            "ec2-1-2-3-4.eu-west-1.compute.amazonaws.com",
            "my-lb-1.eu-west-1.elb.amazonaws.com",
            "s3.amazonaws.com.evil.example",
            "amazonaws.com",
            "s3.not_a_region.amazonaws.com",
            "s3.eu-central.amazonaws.com",
            "bucket.s3.amazonaws.com.cn",
            "bucket..s3.eu-west-1.amazonaws.com",
            "sqs.eu-west-1.amazonaws.com",
        ] {
            assert!(!is_s3_host(host), "{host}");
        }
    }
}
