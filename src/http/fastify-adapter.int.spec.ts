import { createFastifyAdapter } from './configure-http';

/**
 * The adapter parses `__proto__` and `constructor` as plain keys, which is safe only because every
 * body is checked before anything reads it: the check comes with the adapter itself.
 */
describe('createFastifyAdapter', () => {
  it('refuses a body with a __proto__ key on a route of its own, before the handler runs', async () => {
    const fastify = createFastifyAdapter().getInstance();
    let handled = 0;
    fastify.post('/probe', async () => ({ handled: ++handled }));
    const send = (payload: string) =>
      fastify.inject({
        method: 'POST',
        url: '/probe',
        payload,
        headers: { 'content-type': 'application/json' },
      });

    const poisoned = await send('{"a":{"__proto__":{"admin":true}}}');
    expect(poisoned.statusCode).toBe(422);
    expect(poisoned.json()).toMatchObject({
      message: '/a/__proto__ is not a field of this request',
    });
    expect(handled).toBe(0);

    expect((await send('{"a":1}')).json()).toEqual({ handled: 1 });
    await fastify.close();
  });
});
