//! The validated model: every value parsed into a type that can only hold a
//! valid one, so planning and rendering never check again.

mod account;
mod arn;
mod bucket_name;
mod credentials;
mod kms_key_arn;
mod name_prefix;
mod region;
mod role_arn;
mod storage_class;
pub mod tag;
mod validate;

pub use account::AccountId;
pub use bucket_name::BucketName;
pub use kms_key_arn::KmsKeyArn;
pub use name_prefix::NamePrefix;
pub use region::Region;
pub use role_arn::RoleArn;
pub use storage_class::StorageClass;
pub use tag::Tag;
pub use validate::validate;

/// Everything gen-repl needs to know to plan one replication module.
#[derive(Debug, Clone)]
pub struct Model {
    pub name: NamePrefix,
    pub storage_class: StorageClass,
    pub noncurrent_version_expiration_days: u32,
    pub tags: Vec<Tag>,
    pub source: Side,
    pub destination: Side,
}

/// A bucket's side of the replication and the account it lives in.
#[derive(Debug, Clone)]
pub struct Side {
    pub region: Region,
    /// `None` derives a name from the prefix, account and region.
    pub bucket: Option<BucketName>,
    /// `None` creates a new key for this side.
    pub kms_key: Option<KmsKeyArn>,
    pub access: Access,
}

/// How the provider for one side gets its credentials.
#[derive(Debug, Clone, Default)]
pub struct Access {
    pub assume_role: Option<AssumeRole>,
    pub profile: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AssumeRole {
    pub role_arn: RoleArn,
    pub external_id: Option<String>,
    pub session_name: Option<String>,
}

impl Access {
    /// The account these credentials reach, when the input names it.
    pub fn known_account(&self) -> Option<&AccountId> {
        self.assume_role
            .as_ref()
            .map(|role| role.role_arn.account())
    }

    /// Whether the provider uses credentials other than the ambient ones.
    pub fn is_ambient(&self) -> bool {
        self.assume_role.is_none() && self.profile.is_none()
    }
}

impl Model {
    /// Whether the two buckets belong to different accounts.
    ///
    /// Unless both sides name their account, any destination credentials
    /// other than the source's are taken to reach another account: that is
    /// what a separate role or profile is for.
    pub fn is_cross_account(&self) -> bool {
        let (source, destination) = (&self.source.access, &self.destination.access);
        match (source.known_account(), destination.known_account()) {
            (Some(a), Some(b)) => a != b,
            _ => {
                let same_profile = source.profile == destination.profile;
                let no_role = source.assume_role.is_none() && destination.assume_role.is_none();
                !(same_profile && no_role)
            }
        }
    }

    /// `PREFIX-SRCREGION-to-DSTREGION`: names the role after what it does,
    /// so two modules with different prefixes or regions never collide.
    pub fn replication_role_name(&self) -> String {
        format!(
            "{}-{}-to-{}",
            self.name, self.source.region, self.destination.region
        )
    }
}
