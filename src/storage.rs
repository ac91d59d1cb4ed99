//! Where document bytes live, behind a small trait (a local folder by default).
//!
//! An upload is written to a temporary file first, then moved into place in
//! the same step that records it, so a failed upload leaves neither a file
//! nor a row. Names on disk are generated keys, never the uploaded names.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

pub trait DocumentStore: Send + Sync {
    /// Starts a new upload in a temporary place.
    fn begin(&self) -> std::io::Result<PathBuf>;
    /// Moves a finished upload under its key. Synchronous: runs in the database transaction's thread.
    fn commit(&self, temp: &Path, key: &str) -> std::io::Result<()>;
    /// Removes a stored document or an abandoned upload; a missing file is not an error.
    fn remove(&self, path: &Path) -> std::io::Result<()>;
    fn path_of(&self, key: &str) -> PathBuf;
}

pub struct LocalStore {
    root: PathBuf,
}

impl LocalStore {
    pub fn new(root: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(root.join("tmp"))?;
        std::fs::create_dir_all(root.join("documents"))?;
        Ok(Self {
            root: root.to_owned(),
        })
    }
}

impl DocumentStore for LocalStore {
    fn begin(&self) -> std::io::Result<PathBuf> {
        Ok(self.root.join("tmp").join(uuid::Uuid::new_v4().to_string()))
    }

    fn commit(&self, temp: &Path, key: &str) -> std::io::Result<()> {
        std::fs::rename(temp, self.path_of(key))
    }

    fn remove(&self, path: &Path) -> std::io::Result<()> {
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    fn path_of(&self, key: &str) -> PathBuf {
        // Keys are UUIDs generated here; anything else is refused as a path.
        let safe: String = key
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        self.root.join("documents").join(safe)
    }
}

/// Bytes being written to a temporary file, hashed and counted as they come.
pub struct Upload {
    pub path: PathBuf,
    file: tokio::fs::File,
    hasher: Sha256,
    pub size: u64,
    pub head: Vec<u8>,
}

impl Upload {
    pub async fn create(path: PathBuf) -> std::io::Result<Self> {
        Ok(Self {
            file: tokio::fs::File::create(&path).await?,
            path,
            hasher: Sha256::new(),
            size: 0,
            head: Vec::new(),
        })
    }

    pub async fn write(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        if self.head.len() < crate::domain::media::SNIFF_BYTES {
            let wanted = crate::domain::media::SNIFF_BYTES - self.head.len();
            self.head
                .extend_from_slice(&chunk[..wanted.min(chunk.len())]);
        }
        self.hasher.update(chunk);
        self.size += chunk.len() as u64;
        self.file.write_all(chunk).await
    }

    /// Flushes to disk; returns the SHA-256 in hex.
    pub async fn finish(mut self) -> std::io::Result<(PathBuf, String, u64, Vec<u8>)> {
        self.file.flush().await?;
        self.file.sync_all().await?;
        Ok((
            self.path,
            hex::encode(self.hasher.finalize()),
            self.size,
            self.head,
        ))
    }
}
