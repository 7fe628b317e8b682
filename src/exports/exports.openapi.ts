import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { ProblemSchema } from '../http/openapi';
import { FIELD_OPERATIONS_CSV_DESCRIPTION } from './csv/field-operations-csv';
import { JSON_LD_MEDIA_TYPE } from './jsonld/jsonld';

const AS_OF_KNOWN_AT =
  'Every field operation recorded up to knownAt (default: everything), each as it stood on asOf (default: today): name, kind, status, mandate and head in force that day; an operation established later shows as not yet established.';

const badQuery = ApiBadRequestResponse({
  type: ProblemSchema,
  description: 'Invalid asOf, knownAt or minPosition (application/problem+json)',
});

const datedName = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    start_date: { type: 'string' },
    end_date: { type: 'string' },
    note: { type: 'string', enum: ['former name', 'later name'] },
  },
};

const popoloSchema = {
  type: 'object',
  description:
    'Popolo (https://www.popoloproject.com/specs/) collections; `extras` is the registry’s',
  properties: {
    meta: { type: 'object', example: { as_of: '2003-01-01', known_at: null } },
    organizations: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', example: 'office-in-minsk' },
          name: { type: 'string', example: 'OSCE Office in Minsk' },
          classification: { type: 'string', example: 'office' },
          parent_id: { type: 'string', example: 'osce' },
          area_id: { type: 'string', example: 'belarus' },
          founding_date: { type: 'string', example: '2003-01-01' },
          dissolution_date: { type: 'string' },
          other_names: { type: 'array', items: datedName },
          contact_details: { type: 'array', items: { type: 'object' } },
          sources: {
            type: 'array',
            items: {
              type: 'object',
              properties: { url: { type: 'string' }, note: { type: 'string' } },
            },
          },
          extras: {
            type: 'object',
            description: 'status on asOf, host_area_ids, seat, mandate, links',
          },
        },
      },
    },
    areas: { type: 'array', items: { type: 'object' }, description: 'Participating States' },
    persons: { type: 'array', items: { type: 'object' }, description: 'Heads of operation' },
    posts: { type: 'array', items: { type: 'object' }, description: 'Head of each operation' },
    memberships: {
      type: 'array',
      items: { type: 'object' },
      description: 'Who held each head post, when',
    },
  },
};

export const ApiPopoloExport = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Field operations and participating States as Popolo JSON',
      description: AS_OF_KNOWN_AT,
    }),
    ApiOkResponse({ content: { 'application/json': { schema: popoloSchema } } }),
    badQuery,
  );

export const ApiJsonLdExport = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Field operations as JSON-LD in the W3C Organization Ontology',
      description: `${AS_OF_KNOWN_AT} Operations are org:OrganizationalUnit under the OSCE (org:FormalOrganization); establishments, closures and successions are org:ChangeEvent with PROV times. The @context is inline; IRIs start with REGISTRY_BASE_IRI.`,
    }),
    ApiProduces(JSON_LD_MEDIA_TYPE),
    ApiOkResponse({
      content: {
        [JSON_LD_MEDIA_TYPE]: {
          schema: {
            type: 'object',
            properties: {
              '@context': { type: 'object' },
              '@graph': { type: 'array', items: { type: 'object' } },
            },
          },
        },
      },
    }),
    badQuery,
  );

export const ApiCsvExport = () =>
  applyDecorators(
    ApiOperation({
      summary: 'Field operations as CSV, one record per operation',
      description: AS_OF_KNOWN_AT,
    }),
    ApiProduces('text/csv'),
    ApiOkResponse({
      content: {
        'text/csv': { schema: { type: 'string', description: FIELD_OPERATIONS_CSV_DESCRIPTION } },
      },
    }),
    badQuery,
  );
