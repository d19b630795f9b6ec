import { TokenLifetimeDto } from '../../agora/dto/token-lifetime.dto.js';

/** A request for a Flexible Classroom app token: only its lifetime. */
export class CreateClassroomAppTokenDto extends TokenLifetimeDto {}
