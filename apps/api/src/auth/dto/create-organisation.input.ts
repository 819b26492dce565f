import { Field, InputType } from '@nestjs/graphql';

/** The first-run page: the organisation and its first admin, who is signed in at once. */
@InputType()
export class CreateOrganisationInput {
  @Field()
  organisationName: string;

  @Field({ description: "The first admin's name" })
  name: string;

  @Field()
  email: string;

  @Field({ description: 'At least 8 characters' })
  password: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166 region for numbers written without a country code (default US)' })
  defaultRegion?: string | null;
}
