import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsString } from 'class-validator';
import { RequestBody } from './body-validation.hook.js';
import { assertDtosAreValidated } from './validated-parameters.check.js';

class NameDto {
  @IsString()
  name!: string;
}

class OtherDto {
  @IsString()
  other!: string;
}

async function checked(controller: new (...args: never[]) => unknown): Promise<void> {
  @Module({ controllers: [controller] })
  class TestModule {}
  const app = await NestFactory.createApplicationContext(TestModule, { logger: false });
  try {
    assertDtosAreValidated(app);
  } finally {
    await app.close();
  }
}

describe('assertDtosAreValidated', () => {
  it('accepts a handler whose only DTO is the body its route declares', async () => {
    @Controller()
    class Fine {
      @Post('named')
      @RequestBody(NameDto)
      named(@Body() body: NameDto): NameDto {
        return body;
      }
    }
    await expect(checked(Fine)).resolves.toBeUndefined();
  });

  it('stops start-up for a DTO the pipeline would not validate: a query object, or a body other than the declared one', async () => {
    @Controller()
    class QueryObject {
      @Get('q')
      q(@Query() query: NameDto): NameDto {
        return query;
      }
    }
    @Controller()
    class Mismatch {
      @Post('m')
      @RequestBody(NameDto)
      m(@Body() body: OtherDto): OtherDto {
        return body;
      }
    }
    await expect(checked(QueryObject)).rejects.toThrow('QueryObject.q takes NameDto, which the request pipeline validates only');
    await expect(checked(Mismatch)).rejects.toThrow('Mismatch.m takes OtherDto, which the request pipeline validates only');
  });
});
