import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ALL_PROBLEM_TYPE_URIS } from './problem-types';

class FieldErrorSchema {
  @ApiProperty({ example: 'dateOfBirth' })
  field: string;

  @ApiProperty({ example: 'dateOfBirth must be a date as YYYY-MM-DD' })
  message: string;
}

/** RFC 9457 problem details, the body of every error answer. */
export class ProblemDocumentSchema {
  @ApiProperty({
    enum: ALL_PROBLEM_TYPE_URIS,
    example: 'https://outpatient-program.example/problems/validation',
    description: 'Names the rule that was broken; stable, so clients branch on it rather than on `detail`.',
  })
  type: string;

  @ApiProperty({ example: 'Invalid request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'The request has invalid fields.' })
  detail: string;

  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'For validation errors: one entry per field.' })
  errors?: FieldErrorSchema[];
}

/** A field error a route really answers, for its documented 400 example. */
export interface FieldErrorExample {
  field: string;
  message: string;
}

/** Documents an error status as application/problem+json, with the route's own field error when given. */
export function ApiProblemResponse(status: number, description: string, fieldError?: FieldErrorExample) {
  const example = fieldError && {
    type: 'https://outpatient-program.example/problems/validation',
    title: 'Invalid request',
    status,
    detail: 'The request has invalid fields.',
    errors: [fieldError],
  };
  return applyDecorators(
    ApiExtraModels(ProblemDocumentSchema, FieldErrorSchema),
    ApiResponse({
      status,
      description,
      content: {
        'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDocumentSchema) }, ...(example ? { example } : {}) },
      },
    }),
  );
}
