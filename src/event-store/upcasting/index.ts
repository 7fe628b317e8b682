export * from './registry-upcasters';
export * from './upcaster';
export * from './upcasters';
export * from './upcasting-event-store';
