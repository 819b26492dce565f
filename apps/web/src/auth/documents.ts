/**
 * GraphQL documents as plain strings, so the sign-in page can send them without Apollo; the Apollo pages wrap the
 * same text with gql.
 */
export const LOGIN_DOCUMENT = `
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      user {
        id
      }
    }
  }
`;

export const SIGNUP_STATUS_DOCUMENT = `
  query SignupStatus {
    signupStatus {
      open
      firstRun
    }
  }
`;
