import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { DomainError, ERRORS, type ErrorBody, type ErrorCode } from '../../shared/errors.ts';
import { StorageError, StoreCorruptError } from '../store/errors.ts';

function body(code: ErrorCode, message?: string): ErrorBody {
  return { error: { code, message: message ?? ERRORS[code].message } };
}

/** Every failure becomes a closed error code; library and exception text never reach the client. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof DomainError) {
      res.status(err.status).json(err.toBody());
      return;
    }
    // The path only: a query may hold a ticket's token.
    if (err instanceof StorageError) {
      log.error({ err, path: req.path }, 'storage write failed');
      res.status(503).json(body('STORAGE_UNAVAILABLE'));
      return;
    }
    if (err instanceof StoreCorruptError) {
      // A damaged archive of a closed day: name it, so someone can restore it from a backup.
      log.error({ err, path: req.path }, 'unreadable data file');
      res.status(503).json(body('ARCHIVE_UNREADABLE', `历史数据文件损坏或无法读取，请联系管理员 / unreadable data file: ${err.file}`));
      return;
    }
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') {
      res.status(413).json(body('PAYLOAD_TOO_LARGE'));
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json(body('INVALID_INPUT', 'body: 不是有效的 JSON'));
      return;
    }
    if (e.status && e.status >= 400 && e.status < 500) {
      res.status(400).json(body('INVALID_INPUT'));
      return;
    }
    log.error({ err, path: req.path }, 'unhandled error');
    res.status(500).json(body('INTERNAL'));
  };
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json(body('NOT_FOUND'));
};
