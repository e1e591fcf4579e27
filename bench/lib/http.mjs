import http from 'node:http';

/**
 * A small JSON client on node:http with keep-alive sockets: cheaper per request than fetch, which
 * matters when the load generator shares two cores with the servers it measures.
 */
export class JsonClient {
  constructor(baseUrl, { maxSockets = 256 } = {}) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request(method, path, { body, token, headers = {} } = {}) {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const allHeaders = { accept: 'application/json', ...headers };
    if (payload !== undefined) {
      allHeaders['content-type'] = 'application/json';
      allHeaders['content-length'] = Buffer.byteLength(payload);
    }
    if (token) allHeaders.authorization = `Bearer ${token}`;
    return this.send({ host: this.host, port: this.port, method, path, headers: allHeaders, agent: this.agent }, payload, true);
  }

  send(options, payload, mayRetry) {
    return new Promise((resolve, reject) => {
      const request = http.request(options, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = { raw: text };
          }
          resolve({ status: response.statusCode, body: json, headers: response.headers });
        });
        response.on('error', reject);
      });
      request.on('error', (error) => {
        // A kept-alive socket the server closed as idle just as it was reused: the request never got
        // there, so sending it again on a new socket is safe (the pattern Node's documentation gives).
        if (mayRetry && request.reusedSocket && error.code === 'ECONNRESET') resolve(this.send(options, payload, false));
        else reject(error);
      });
      request.end(payload);
    });
  }

  post(path, body, options = {}) {
    return this.request('POST', path, { ...options, body });
  }

  put(path, body, options = {}) {
    return this.request('PUT', path, { ...options, body });
  }

  get(path, options = {}) {
    return this.request('GET', path, options);
  }

  close() {
    this.agent.destroy();
  }
}

/** Throws with the response body when the status is not the expected one. */
export function expectStatus(response, expected, what) {
  if (response.status !== expected) {
    throw new Error(`${what}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}
