import { IsString, Matches, ValidateIf } from 'class-validator';

/** What agora-token accepts as an App ID or certificate: anything else makes it return an empty token. */
export const HEX32 = /^[0-9a-fA-F]{32}$/;

/**
 * A Customer ID: visible ASCII without `:` (Basic auth's separator), at most 128 characters. Agora's are 32 hex
 * characters, but Agora does not promise a format, so only what would break the header is refused.
 */
export const CUSTOMER_ID = /^[!-9;-~]{1,128}$/;
export const CUSTOMER_ID_RULE = "1 to 128 visible ASCII characters other than ':'";

/** A Customer Secret: visible ASCII (no white space, which a copy-paste adds), at most 128 characters. */
export const CUSTOMER_SECRET = /^[!-~]{1,128}$/;
export const CUSTOMER_SECRET_RULE = '1 to 128 visible ASCII characters';

/** A project's name: what requests, API-key policies, logs and metrics call it by. */
export const PROJECT_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;
export const PROJECT_NAME_RULE = '1 to 64 letters, digits or . _ -, starting with a letter or digit';

/** A field that is checked whenever it is in the file (`null` included, which is not a value here). */
const WhenPresent = (): PropertyDecorator => ValidateIf((_entry, value) => value !== undefined);

/**
 * One entry of AGORA_PROJECTS_FILE: a project's name, App ID and App Certificate (inline, or in a
 * file of its own, such as a mounted Kubernetes secret), and the secondary certificate Agora lets a
 * project enable while it rotates, and, for Agora's REST APIs, its Customer ID and Secret (inline or in a file).
 * Unknown fields are refused, so a typo cannot go unnoticed.
 */
export class ProjectEntry {
  @IsString({ message: 'name must be a string' })
  @Matches(PROJECT_NAME, { message: `name must be ${PROJECT_NAME_RULE}` })
  name: string;

  @IsString({ message: 'appId must be a string' })
  @Matches(HEX32, { message: 'appId must be 32 hexadecimal characters' })
  appId: string;

  @WhenPresent()
  @IsString({ message: 'certificate must be a string' })
  @Matches(HEX32, { message: 'certificate must be 32 hexadecimal characters' })
  certificate?: string;

  @WhenPresent()
  @IsString({ message: 'certificateFile must be a path' })
  certificateFile?: string;

  @WhenPresent()
  @IsString({ message: 'secondaryCertificate must be a string' })
  @Matches(HEX32, { message: 'secondaryCertificate must be 32 hexadecimal characters' })
  secondaryCertificate?: string;

  @WhenPresent()
  @IsString({ message: 'secondaryCertificateFile must be a path' })
  secondaryCertificateFile?: string;

  @WhenPresent()
  @IsString({ message: 'customerId must be a string' })
  @Matches(CUSTOMER_ID, { message: `customerId must be ${CUSTOMER_ID_RULE}` })
  customerId?: string;

  @WhenPresent()
  @IsString({ message: 'customerSecret must be a string' })
  @Matches(CUSTOMER_SECRET, { message: `customerSecret must be ${CUSTOMER_SECRET_RULE}` })
  customerSecret?: string;

  @WhenPresent()
  @IsString({ message: 'customerSecretFile must be a path' })
  customerSecretFile?: string;
}
