//! The validated model: every value parsed into a type that can only hold a
//! valid one, so planning and rendering never check again.

mod account;
mod arn;
mod bucket_name;
mod credentials;
mod destination_id;
mod encryption;
mod filter;
mod kms_key_arn;
mod name_prefix;
mod region;
mod role_arn;
mod storage_class;
pub mod tag;
mod validate;

pub use account::AccountId;
pub use bucket_name::BucketName;
pub use destination_id::DestinationId;
pub use encryption::Encryption;
pub use filter::Filter;
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
    pub noncurrent_version_expiration_days: u32,
    pub tags: Vec<Tag>,
    pub source: Side,
    /// The source bucket exists and is referenced, not created.
    pub existing_source_bucket: bool,
    pub destinations: Vec<Destination>,
    /// The (single) destination replicates back to the source.
    pub bidirectional: bool,
    /// Emit a runbook for replicating objects older than the configuration.
    pub existing_objects: bool,
}

/// A bucket's side of the replication and the account it lives in.
#[derive(Debug, Clone)]
pub struct Side {
    pub region: Region,
    /// `None` derives a name from the prefix, account and region.
    pub bucket: Option<BucketName>,
    pub encryption: Encryption,
    pub access: Access,
    pub access_log: Option<AccessLog>,
    /// The bucket sends its event notifications to EventBridge.
    pub eventbridge: bool,
}

/// Server access logging into a bucket the user already has: a log bucket
/// made here would itself need logging somewhere.
#[derive(Debug, Clone)]
pub struct AccessLog {
    pub bucket: BucketName,
    /// `None` keeps each bucket's logs under its own name.
    pub prefix: Option<String>,
}

/// A bucket that receives replicas, and the rule that feeds it.
#[derive(Debug, Clone)]
pub struct Destination {
    pub id: DestinationId,
    pub side: Side,
    pub rule: Rule,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub storage_class: StorageClass,
    pub filter: Filter,
    pub delete_marker_replication: bool,
    /// Replication Time Control; S3 requires metrics with it.
    pub replication_time_control: bool,
    pub metrics: bool,
    pub replica_modifications: bool,
}

/// How the provider for one side gets its credentials.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Access {
    pub assume_role: Option<AssumeRole>,
    pub profile: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
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
}

impl Model {
    /// Whether a destination belongs to another account than the source.
    ///
    /// Unless both sides name their account, any destination credentials
    /// other than the source's are taken to reach another account: that is
    /// what a separate role or profile is for.
    pub fn is_cross_account(&self, destination: &Side) -> bool {
        let (source, destination) = (&self.source.access, &destination.access);
        match (source.known_account(), destination.known_account()) {
            (Some(a), Some(b)) => a != b,
            _ => source != destination,
        }
    }

    /// `PREFIX-SRCREGION-to-DSTREGION` (or `-to-N-destinations`): names the
    /// role after what it does, so modules with different prefixes or
    /// regions never collide.
    pub fn replication_role_name(&self) -> String {
        match self.destinations.as_slice() {
            [only] => format!(
                "{}-{}-to-{}",
                self.name, self.source.region, only.side.region
            ),
            many => format!(
                "{}-{}-to-{}-destinations",
                self.name,
                self.source.region,
                many.len()
            ),
        }
    }

    /// The role the destination assumes to replicate back, in two-way mode.
    pub fn reverse_role_name(&self) -> String {
        let destination = &self.destinations[0].side.region;
        format!(
            "{}-{}-to-{}-reverse",
            self.name, destination, self.source.region
        )
    }
}
