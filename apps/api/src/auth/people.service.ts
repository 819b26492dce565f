import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { UserRole } from '@switchboard/crm-domain';
import { DataSource, type EntityManager, IsNull, Not, Repository } from 'typeorm';
import { badInput, notFound } from '../platform/graphql/errors';
import { isUuid } from '../platform/graphql/validation';
import { AuthService } from './auth.service';
import { Organisation } from './entities/organisation.entity';
import { User } from './entities/user.entity';
import type { Principal } from './principal';

/**
 * An admin's view of their organisation's people: roles and deactivation. Every change holds the organisation's
 * row lock, so two admins demoting or deactivating each other at once cannot leave the organisation without one.
 */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly auth: AuthService,
  ) {}

  /** Active people first, then the deactivated, each by name. */
  async list(principal: Principal): Promise<User[]> {
    const users = await this.users.find({ where: { organisationId: principal.organisationId }, order: { email: 'ASC' } });
    const byName = (a: User, b: User) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
    return [...users.filter((user) => !user.deactivatedAt).sort(byName), ...users.filter((user) => user.deactivatedAt).sort(byName)];
  }

  setRole(principal: Principal, id: string, role: UserRole): Promise<User> {
    return this.changeUser(principal, id, async (manager, user) => {
      if (user.role === role) return user;
      if (role === UserRole.AGENT) await this.keepAnAdmin(manager, principal, user, 'demote');
      await manager.update(User, { id: user.id }, { role });
      return { ...user, role };
    });
  }

  /** The user can no longer sign in, and every session and API token they hold stops working at once. */
  async deactivate(principal: Principal, id: string): Promise<User> {
    let closeLiveConnections: () => Promise<void> = async () => undefined;
    const user = await this.changeUser(principal, id, async (manager, target) => {
      if (target.deactivatedAt) return target;
      await this.keepAnAdmin(manager, principal, target, 'deactivate');
      const deactivatedAt = new Date();
      await manager.update(User, { id: target.id }, { deactivatedAt });
      closeLiveConnections = await this.auth.revokeAllCredentials(manager, target.id);
      return { ...target, deactivatedAt };
    });
    await closeLiveConnections();
    return user;
  }

  /** Back in: they sign in again with their password; sessions and API tokens revoked on deactivation stay revoked. */
  reactivate(principal: Principal, id: string): Promise<User> {
    return this.changeUser(principal, id, async (manager, user) => {
      if (!user.deactivatedAt) return user;
      await manager.update(User, { id: user.id }, { deactivatedAt: null });
      return { ...user, deactivatedAt: null };
    });
  }

  private changeUser(principal: Principal, id: string, change: (manager: EntityManager, user: User) => Promise<User>): Promise<User> {
    if (!isUuid(id)) throw notFound('User');
    return this.dataSource.transaction(async (manager) => {
      await manager.findOne(Organisation, { where: { id: principal.organisationId }, lock: { mode: 'pessimistic_write' } });
      const user = await manager.findOneBy(User, { id, organisationId: principal.organisationId });
      if (!user) throw notFound('User');
      return change(manager, user);
    });
  }

  /** An active admin may lose admin rights only while another active admin remains. */
  private async keepAnAdmin(manager: EntityManager, principal: Principal, user: User, action: 'demote' | 'deactivate'): Promise<void> {
    if (user.role !== UserRole.ADMIN || user.deactivatedAt) return;
    const otherAdmins = await manager.countBy(User, { organisationId: principal.organisationId, role: UserRole.ADMIN, deactivatedAt: IsNull(), id: Not(user.id) });
    if (otherAdmins > 0) return;
    const who = user.id === principal.userId ? 'You are' : `${user.name} is`;
    const verb = action === 'demote' ? 'change this role' : 'deactivate this account';
    throw badInput(`${who} the last admin of the organisation: make someone else an admin before you ${verb}`, 'id');
  }
}
