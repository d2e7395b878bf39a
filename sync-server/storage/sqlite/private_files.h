#pragma once
// The server's data on disk is for the server's user only: folders 0700, files 0600. Records hold
// personal data of migrants and trafficking survivors; another account on the same machine must
// not read the database, its WAL or the photos.
#include <filesystem>

namespace phum::server {

// Creates `folder` and its missing parents with mode 0700; returns true if `folder` was created.
// Throws StorageError naming the folder.
bool createPrivateFolders(const std::filesystem::path& folder);

// Takes group and other permissions away from an existing file or folder (nothing if it does
// not exist). Throws StorageError naming it if that is not allowed (e.g. another user owns it).
void makePrivate(const std::filesystem::path& path);

// Creates an empty file with mode 0600 if there is none, so that a program that creates it with
// looser defaults (SQLite: 0644, and its -wal/-shm files copy the database's mode) finds it
// private.
void createPrivateFile(const std::filesystem::path& path);

// Mode bits for files the server creates.
inline constexpr int kPrivateFileMode = 0600;

}  // namespace phum::server
