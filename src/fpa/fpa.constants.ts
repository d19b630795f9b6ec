/** An FPA token's lifetime, fixed by Agora's FpaTokenBuilder (24 h). */
export const FPA_EXPIRE_SECONDS = 86_400;
