import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isValidRegion, UserRole } from '@switchboard/crm-domain';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { hashPassword } from '../platform/crypto/secret-hash';
import { badInput, forbidden } from '../platform/graphql/errors';
import { accountEmail, checkNewPassword, emailTaken, isUniqueViolation, requiredName } from './account-rules';
import { AuthService } from './auth.service';
import type { CreateOrganisationInput } from './dto/create-organisation.input';
import type { SignupStatus } from './dto/onboarding.models';
import { Organisation } from './entities/organisation.entity';
import { User } from './entities/user.entity';

/** Two first-run submissions at once on a closed install: the lock lets exactly one of them through. */
const FIRST_ORGANISATION_LOCK = 7_246_143_910;

/** createOrganisation: anyone while SIGNUP=open, else only the first organisation of a fresh install. */
@Injectable()
export class OrganisationSignupService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {}

  async status(): Promise<SignupStatus> {
    const firstRun = !(await this.organisationExists(this.dataSource.manager));
    return { firstRun, open: this.config.signup === 'open' || firstRun };
  }

  async create(input: CreateOrganisationInput): Promise<{ token: string; user: User }> {
    if (this.config.signup === 'closed' && (await this.organisationExists(this.dataSource.manager))) throw signupClosed();
    const organisationName = requiredName(input.organisationName, 'organisationName', 'the name of your organisation');
    const name = requiredName(input.name, 'name', 'your name');
    const email = accountEmail(input.email);
    const password = checkNewPassword(input.password);
    const defaultRegion = (input.defaultRegion ?? 'US').trim().toUpperCase();
    if (!isValidRegion(defaultRegion)) throw badInput(`"${input.defaultRegion}" is not a country code we know (e.g. US, GB, DE)`, 'defaultRegion');
    const passwordHash = await hashPassword(password);
    const user = await this.dataSource
      .transaction(async (manager) => {
        if (this.config.signup === 'closed') {
          await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ORGANISATION_LOCK]);
          if (await this.organisationExists(manager)) throw signupClosed();
        }
        if (await manager.existsBy(User, { email })) throw emailTaken(email);
        const organisation = await manager.save(manager.create(Organisation, { name: organisationName, defaultRegion }));
        return manager.save(manager.create(User, { organisationId: organisation.id, email, name, role: UserRole.ADMIN, passwordHash }));
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? emailTaken(email) : error;
      });
    const { token } = await this.auth.startSession(user);
    return { token, user };
  }

  private async organisationExists(manager: EntityManager): Promise<boolean> {
    return (await manager.query('SELECT EXISTS (SELECT 1 FROM organisations) AS found'))[0].found === true;
  }
}

const signupClosed = () => forbidden('Sign-up is closed on this Switchboard: ask an admin of your organisation to invite you');
