import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsOptional, ValidateBy, ValidateNested } from 'class-validator';
import { Language, LanguageList } from './language.decorator.js';

/** Agora's limits: 4 source languages, 10 targets each. */
export const MAX_SOURCES = 4;
export const MAX_TARGETS = 10;

/** Fails when the target list names the source language (Agora refuses that). */
const NotTheSource = (): PropertyDecorator =>
  ValidateBy({
    name: 'notTheSource',
    validator: {
      validate: (value, args) => !Array.isArray(value) || !value.includes((args?.object as { source?: unknown }).source),
      defaultMessage: () => 'target must not name the source language',
    },
  });

/** Captions in one spoken language, translated into others. */
export class TranslationPairDto {
  @Language('The spoken language to translate from: one of the transcription’s `languages`.')
  source: string;

  @LanguageList(`The languages to translate into (1 to ${MAX_TARGETS}), not the source.`, MAX_TARGETS)
  @NotTheSource()
  target: string[];
}

/** A list of translation pairs, validated pair by pair. */
const TranslationPairs = (optional: boolean): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: [TranslationPairDto], minItems: 1, maxItems: MAX_SOURCES, required: !optional, description: `1 to ${MAX_SOURCES} source languages and their targets.` }),
    optional ? IsOptional() : IsDefined({ message: '$property is required' }),
    ValidateNested({ each: true }),
    Type(() => TranslationPairDto),
    ArrayMaxSize(MAX_SOURCES, { message: `$property may list at most ${MAX_SOURCES} source languages` }),
    ArrayMinSize(1, { message: '$property must list at least one source language' }),
    IsArray({ message: '$property must be an array' }),
  );

/** Translation on join (Agora's `translateConfig`). */
export class TranslateDto {
  @TranslationPairs(false)
  languages: TranslationPairDto[];
}

/** Translation on update: switch it on or off, or change its languages (Agora's `translateConfig.enable`, `.languages`). */
export class UpdateTranslateDto {
  /** `false` stops translating; `true` (with `languages`) starts. */
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  enable?: boolean;

  @TranslationPairs(true)
  languages?: TranslationPairDto[];
}
