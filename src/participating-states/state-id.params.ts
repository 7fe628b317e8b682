import { IsSlug } from '../http/validators';

/** `:id` of a participating-State route: a slug, so nothing else reaches a stream name. */
export class StateIdParams {
  @IsSlug()
  id!: string;
}
