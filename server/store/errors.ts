/** A data file that cannot be read or parsed. The start stops and the file is left as it is. */
export class StoreCorruptError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`数据文件损坏或无法读取 / data file is corrupt or unreadable: ${file} (${detail}). 文件未被修改 / The file was left untouched.`);
  }
}

/** A write that did not become durable (disk full, read-only, I/O error). Nothing was acknowledged. */
export class StorageError extends Error {
  constructor(override readonly cause: unknown) {
    super(`storage write failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** The store cannot be opened as configured (the database is unreachable, refuses us, or is newer). The start stops. */
export class StoreOpenError extends Error {
  constructor(detail: string) {
    super(`无法打开数据库 / cannot open the database: ${detail}`);
  }
}
