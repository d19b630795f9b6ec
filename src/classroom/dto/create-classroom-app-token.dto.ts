import { TokenRequestDto } from '../../agora/dto/token-request.dto.js';

/** A request for a Flexible Classroom app token: only its lifetime. */
export class CreateClassroomAppTokenDto extends TokenRequestDto {}
