import { IsSlug } from '../http/validators';

/** `:id` of a field-operation route: a slug, so nothing else reaches a stream name. */
export class OperationIdParams {
  @IsSlug()
  id!: string;
}
