import { IsSlug } from '../http/validators';

/** `:id` of a Chairpersonship route: a slug, so nothing else reaches a stream name. */
export class ChairpersonshipIdParams {
  @IsSlug()
  id!: string;
}
