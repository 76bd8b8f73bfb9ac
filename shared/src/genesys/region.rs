//! Genesys Cloud regions and the API and login base URLs they stand for.
//!
//! A region is named either by its SDK key (`eu_central_1`) or by its domain (`mypurecloud.de`).
//! The API lives at `https://api.<domain>` and the token endpoint at `https://login.<domain>`.
//! Explicit base URLs (the emulator, a proxy) bypass the table.

use url::Url;

/// The 18 public Genesys Cloud regions: (SDK key, domain).
pub const REGIONS: [(&str, &str); 18] = [
    ("us_east_1", "mypurecloud.com"),
    ("eu_west_1", "mypurecloud.ie"),
    ("ap_southeast_2", "mypurecloud.com.au"),
    ("ap_northeast_1", "mypurecloud.jp"),
    ("eu_central_1", "mypurecloud.de"),
    ("us_west_2", "usw2.pure.cloud"),
    ("ca_central_1", "cac1.pure.cloud"),
    ("ap_northeast_2", "apne2.pure.cloud"),
    ("eu_west_2", "euw2.pure.cloud"),
    ("ap_south_1", "aps1.pure.cloud"),
    ("us_east_2", "use2.us-gov-pure.cloud"),
    ("sa_east_1", "sae1.pure.cloud"),
    ("me_central_1", "mec1.pure.cloud"),
    ("ap_northeast_3", "apne3.pure.cloud"),
    ("eu_central_2", "euc2.pure.cloud"),
    ("mx_central_1", "mxc1.pure.cloud"),
    ("ap_southeast_1", "apse1.pure.cloud"),
    ("eusc_de_east_1", "edee1.eusc-pure.cloud"),
];

/// Where the client sends API calls and token requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// Base of every `/api/v2/...` call, e.g. `https://api.mypurecloud.de`.
    pub api_base: Url,
    /// Base of `/oauth/token`, e.g. `https://login.mypurecloud.de`.
    pub login_base: Url,
}

impl Endpoints {
    /// The endpoints of a region named by SDK key or domain; `None` for an unknown name.
    pub fn for_region(name: &str) -> Option<Self> {
        let name = name.trim();
        let domain = REGIONS
            .iter()
            .find(|(key, domain)| {
                key.eq_ignore_ascii_case(name) || domain.eq_ignore_ascii_case(name)
            })
            .map(|(_, domain)| *domain)?;
        Some(Self {
            api_base: Url::parse(&format!("https://api.{domain}")).ok()?,
            login_base: Url::parse(&format!("https://login.{domain}")).ok()?,
        })
    }

    /// Explicit base URLs (the emulator, a proxy).
    pub fn explicit(api_base: Url, login_base: Url) -> Self {
        Self {
            api_base,
            login_base,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_key_and_domain_name_the_same_endpoints() {
        let by_key = Endpoints::for_region("eu_central_1").unwrap();
        let by_domain = Endpoints::for_region("mypurecloud.de").unwrap();
        assert_eq!(by_key, by_domain);
        assert_eq!(by_key.api_base.as_str(), "https://api.mypurecloud.de/");
        assert_eq!(by_key.login_base.as_str(), "https://login.mypurecloud.de/");
    }

    #[test]
    fn all_eighteen_regions_resolve() {
        assert_eq!(REGIONS.len(), 18);
        for (key, domain) in REGIONS {
            let e = Endpoints::for_region(key).unwrap();
            assert_eq!(
                e.api_base.host_str(),
                Some(format!("api.{domain}").as_str())
            );
        }
    }

    #[test]
    fn unknown_region_is_none() {
        assert!(Endpoints::for_region("mars_north_1").is_none());
    }
}
