import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Fails when this property and `other` are both present: for alternatives
 * such as `uid` or `account`, `role` or `privileges`.
 */
export function Excludes(other: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'excludes',
      constraints: [other],
      validator: {
        validate: (value, args) =>
          value === undefined || (args?.object as Record<string, unknown>)[other] === undefined,
        defaultMessage: (args) => `${args?.property} and ${other} cannot be used together; send one of them`,
      },
    },
    options,
  );
}
