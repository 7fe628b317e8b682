'use strict';
// The HTTP limit: a bare Fastify route answering the same JSON as the registry's operation detail.
// Usage: node bare-fastify.cjs <port> <file with the JSON body>
const { readFileSync } = require('node:fs');
const fastify = require('fastify')({ logger: false });

const [port, bodyFile] = process.argv.slice(2);
const body = JSON.parse(readFileSync(bodyFile, 'utf8'));

fastify.get('/api/field-operations/:id', async (request, reply) => {
  reply.header('etag', '"12"');
  return body;
});

fastify.listen({ port: Number(port), host: '127.0.0.1' }).catch((error) => {
  console.error(error);
  process.exit(1);
});
process.on('SIGTERM', () => fastify.close().then(() => process.exit(0)));
