//! One provider per account and region: the source's, and one for each
//! distinct destination account and region pair.

use serde::Serialize;

use crate::model::{Access, Model, Side};

#[derive(Debug, Serialize)]
pub struct ProviderPlan {
    /// `None` for the default (source) provider.
    pub alias: Option<String>,
    /// Name of the `aws_caller_identity` read through this provider.
    pub identity: String,
    pub region: String,
    pub profile: Option<String>,
    pub assume_role: Option<AssumeRolePlan>,
    pub allowed_account_ids: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct AssumeRolePlan {
    pub role_arn: String,
    pub session_name: Option<String>,
    pub external_id: Option<String>,
}

impl ProviderPlan {
    /// `aws.ALIAS` for resources that use this provider, `None` for the
    /// default one.
    pub fn reference(&self) -> Option<String> {
        self.alias.as_ref().map(|alias| format!("aws.{alias}"))
    }
}

/// The providers, and for each destination the index of the one it uses.
pub fn plan_providers(model: &Model) -> (Vec<ProviderPlan>, Vec<usize>) {
    let mut providers = vec![provider(None, "source", &model.source)];
    let mut keys: Vec<(&Access, &str)> = vec![(&model.source.access, model.source.region.as_str())];
    let mut uses = Vec::with_capacity(model.destinations.len());
    for destination in &model.destinations {
        let key = (&destination.side.access, destination.side.region.as_str());
        // Destinations reached the same way share a provider; the first one
        // to need it names it.
        match keys.iter().position(|k| *k == key) {
            Some(index) => uses.push(index),
            None => {
                let alias = destination.id.to_string();
                providers.push(provider(Some(alias.clone()), &alias, &destination.side));
                keys.push(key);
                uses.push(providers.len() - 1);
            }
        }
    }
    (providers, uses)
}

fn provider(alias: Option<String>, identity: &str, side: &Side) -> ProviderPlan {
    let assume_role = side.access.assume_role.as_ref().map(|role| AssumeRolePlan {
        role_arn: role.role_arn.to_string(),
        session_name: role.session_name.clone(),
        external_id: role.external_id.clone(),
    });
    ProviderPlan {
        alias,
        identity: identity.to_owned(),
        region: side.region.to_string(),
        profile: side.access.profile.clone(),
        assume_role,
        // A role ARN names its account: refuse to run anywhere else, so a
        // wrong profile cannot create the backup in the wrong account.
        allowed_account_ids: side
            .access
            .known_account()
            .map(|a| vec![a.to_string()])
            .unwrap_or_default(),
    }
}
