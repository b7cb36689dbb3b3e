package dev.pennant.ui.viewmodel;

/**
 * One backup set as the Backups dialog lists it.
 *
 * @param name     folder name, e.g. {@code pennant-backup-20261203-101500}
 * @param created  creation time, UTC, {@code yyyy-MM-dd HH:mm:ss}
 * @param contents what it holds, e.g. {@code database + vault}
 * @param size     total size, e.g. {@code 1.2 MB}
 */
public record BackupRow(String name, String created, String contents, String size) {
}
