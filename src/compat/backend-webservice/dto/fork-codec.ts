import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';

/**
 * A video codec as the fork's clients spell it: Agora's name in any case, with or without its dot (`H264`, `h.264`,
 * `vp9`), as the fork passed it on. Agora documents only its own spellings (`H.264`, `H.265`, `VP9`): the mappers
 * send {@link agoraCodec}'s, rather than leave another spelling to however Agora reads it.
 */
export const ForkCodec = (codecs: readonly string[]): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'string',
      example: codecs[0],
      description: `${codecs.join(' or ')}, in any case, with or without the dot (\`${codecs[0].replace('.', '')}\`), as the fork’s clients send it.`,
    }),
    IsOptional(),
    ValidateBy({
      name: 'isForkCodec',
      validator: {
        validate: (value) => typeof value === 'string' && agoraCodec(value, codecs) !== undefined,
        defaultMessage: () => `$property must be one of ${codecs.join(', ')} (any case, the dot optional)`,
      },
    }),
  );

/** Agora's spelling of a codec the client spelled its way, if it is one of `codecs`. */
export function agoraCodec<C extends string>(value: string, codecs: readonly C[]): C | undefined {
  const bare = (name: string) => name.replace('.', '').toUpperCase();
  return codecs.find((codec) => bare(codec) === bare(value));
}
