import { Module } from '@nestjs/common';
import { ZoomResolver } from './zoom.resolver';

@Module({ providers: [ZoomResolver] })
export class ZoomModule {}
