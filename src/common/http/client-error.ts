import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_TYPES, problemTypeUri } from '../problem/problem-types';

/**
 * What Node's HTTP parser refuses before any route runs (request line or
 * headers over `--max-http-header-size`, 16 KiB by default; malformed
 * requests) gets a problem+json answer instead of a bare 431 or a reset.
 */
function answer(socket: Duplex, status: 400 | 431, detail: string): void {
  const body = JSON.stringify({
    type: problemTypeUri(status === 431 ? 'headers_too_large' : 'bad_request'),
    title: status === 431 ? 'Request header fields too large' : PROBLEM_TYPES.validation.title,
    status,
    detail,
  });
  const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A reset or timed-out socket has nobody left to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      answer(socket, 431, 'The URL or headers are larger than the server accepts (16 KiB).');
    } else {
      answer(socket, 400, 'The request could not be parsed as HTTP.');
    }
  });
}
